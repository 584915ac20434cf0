import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import type { ChatApi } from "../api.js";
import type { ChangePage, ChatMessage } from "../protocol.js";
import { withTimeout } from "../with-timeout.js";

/** A change unanswered this long fails, so that a half-open connection cannot leave the user waiting. */
const changeTimeoutMs = 15_000;

/**
 * Changes to a room's messages, and the room's changes after a cursor: over the hub when connected, else over
 * REST. Each change answers the message as the caller now reads it, which goes to `settle`; a refusal rejects.
 */
export class MessageCommands {
  constructor(
    private readonly hub: HubConnection,
    private readonly api: ChatApi,
    private readonly roomId: string,
    private readonly settle: (message: ChatMessage) => void,
  ) {}

  /** Edits one of the user's own text messages. */
  async edit(seq: number, text: string): Promise<void> {
    this.settle(await (this.connected ? this.invoke("EditMessage", seq, text) : this.api.edit(this.roomId, seq, text)));
  }

  /** Deletes a message (the user's own, or anyone's for a moderator), leaving a tombstone. */
  async delete(seq: number): Promise<void> {
    this.settle(await (this.connected ? this.invoke("DeleteMessage", seq) : this.api.delete(this.roomId, seq)));
  }

  /** Gives (`reacted`) or takes back the user's reaction. */
  async react(seq: number, emoji: string, reacted: boolean): Promise<void> {
    this.settle(await (this.connected ? this.invoke("SetReaction", seq, emoji, reacted) : this.api.react(this.roomId, seq, emoji, reacted)));
  }

  changesAfter(afterChange: number): Promise<ChangePage> {
    return this.connected
      ? withTimeout(changeTimeoutMs, this.hub.invoke<ChangePage>("GetChanges", this.roomId, afterChange))
      : this.api.changes(this.roomId, afterChange);
  }

  private get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  private invoke(method: string, ...args: unknown[]): Promise<ChatMessage> {
    return withTimeout(changeTimeoutMs, this.hub.invoke<ChatMessage>(method, this.roomId, ...args));
  }
}
