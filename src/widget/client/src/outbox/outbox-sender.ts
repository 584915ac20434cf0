import type { HubConnection } from "@microsoft/signalr";
import { deliver, type Delivery } from "./outbox-delivery.js";
import type { Outbox } from "./outbox.js";
import type { ChatApi } from "../api.js";
import { reconnectDelay } from "../backoff.js";
import { describe, isPermanentFailure } from "../errors.js";

/**
 * Sends one room's outbox in order, one message at a time: over the hub when connected, else over REST. A transient
 * failure stops the round and tries again after a backoff; a refusal fails that message and the next one goes.
 */
export class OutboxSender {
  private sending = false;

  /**
   * `canSend`: whether a round may go on (the client runs and the device is online). `acknowledged`: the server's
   * answer to one item, which has left the outbox. `changed`: the outbox's items changed (an answer or a failure).
   */
  constructor(
    private readonly hub: HubConnection,
    private readonly api: ChatApi,
    private readonly roomId: string,
    private readonly outbox: Outbox,
    private readonly canSend: () => boolean,
    private readonly later: (ms: number, action: () => void) => void,
    private readonly acknowledged: (sent: Delivery) => void,
    private readonly changed: () => void,
  ) {}

  /** A round over what waits; one already under way carries on instead. */
  async send(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let item = this.outbox.next(this.roomId); item && this.canSend(); item = this.outbox.next(this.roomId)) {
        try {
          const sent = await deliver(this.hub, this.api, this.roomId, item);
          this.outbox.acknowledge(item.clientMessageId);
          this.acknowledged(sent);
        } catch (error) {
          const permanent = isPermanentFailure(error);
          const failed = this.outbox.attemptFailed(item.clientMessageId, describe(error), permanent);
          if (!permanent) {
            this.later(reconnectDelay(failed?.attempts ?? 0), () => void this.send());
            break;
          }
        } finally {
          this.changed();
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
