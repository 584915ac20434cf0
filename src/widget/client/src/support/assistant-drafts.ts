import type { AssistantDelta, ChatMessage } from "../protocol.js";

/** An assistant's answer while it is being written, as its deltas arrived. */
export interface AssistantDraft {
  streamId: string;
  text: string;
}

/** A draft that stops growing this long is dropped: its answer failed and nothing was stored. */
const abandonedAfterMs = 30_000;
const rememberedStreams = 50;

/**
 * The assistant's answers in progress in one room. Each grows with its `AssistantDelta` events and goes away when
 * the stored message arrives (its clientMessageId is `assistant:{streamId}`), or when it is abandoned.
 */
export class AssistantDrafts {
  private readonly drafts = new Map<string, { text: string; touched: number }>();
  /** Streams whose message is stored: a delta that arrives after it is late, not a new draft. */
  private readonly stored = new Set<string>();

  constructor(
    private readonly changed: (drafts: AssistantDraft[]) => void,
    private readonly later: (ms: number, action: () => void) => void,
  ) {}

  grow(delta: AssistantDelta): void {
    if (this.stored.has(delta.streamId)) return;
    const draft = this.drafts.get(delta.streamId);
    this.drafts.set(delta.streamId, { text: (draft?.text ?? "") + delta.text, touched: Date.now() });
    if (!draft) this.watch();
    this.publish();
  }

  /** Stored messages replace their drafts. */
  settle(messages: readonly ChatMessage[]): void {
    let settled = false;
    for (const message of messages) {
      if (!message.clientMessageId.startsWith("assistant:")) continue;
      const streamId = message.clientMessageId.slice("assistant:".length);
      this.stored.add(streamId);
      // Late deltas come within moments: the oldest streams need no remembering.
      if (this.stored.size > rememberedStreams) this.stored.delete(this.stored.values().next().value!);
      settled = this.drafts.delete(streamId) || settled;
    }
    if (settled) this.publish();
  }

  /** One timer per draft, set again while it still grows. */
  private watch(): void {
    this.later(abandonedAfterMs + 50, () => {
      const before = this.drafts.size;
      for (const [streamId, draft] of this.drafts) if (Date.now() - draft.touched >= abandonedAfterMs) this.drafts.delete(streamId);
      if (this.drafts.size !== before) this.publish();
      if (this.drafts.size > 0) this.watch();
    });
  }

  private publish(): void {
    this.changed([...this.drafts].map(([streamId, draft]) => ({ streamId, text: draft.text })));
  }
}
