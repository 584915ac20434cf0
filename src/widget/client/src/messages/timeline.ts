import type { ChatMessage } from "../protocol.js";

/**
 * A room's messages as this client holds them: deduplicated and ordered by seq, with what is missing.
 * Messages arrive from snapshots, live pushes, REST pages and send results, in any order and any number of
 * times; the timeline keeps one of each. It knows which seqs exist (pushes and acks say so) and the highest seq
 * up to which it holds everything, so a jump is noticed and filled (`GET ...messages?after=`). Seqs count within
 * the message log's epoch: one of another epoch (the server restored a backup and hands out seqs again) empties the
 * timeline, since what it holds would otherwise hide new messages that reuse its seqs.
 */
export class Timeline {
  private readonly bySeq = new Map<number, ChatMessage>();
  private readonly sorted: ChatMessage[] = [];
  /** Every message from the oldest held up to this seq is held; null until the first page arrives. */
  private contiguous: number | null = null;
  /** The highest seq known to exist. */
  private known = 0;
  /** The epoch the held seqs count in; null until a server names one. */
  private epoch: number | null = null;

  /** Messages in ascending seq. */
  get messages(): readonly ChatMessage[] {
    return this.sorted;
  }

  /** The seq up to which nothing is missing: what to pass to `JoinRoom(roomId, afterSeq)`; null before the first page. */
  get lastSeq(): number | null {
    return this.contiguous;
  }

  get oldestSeq(): number | null {
    return this.sorted.length > 0 ? this.sorted[0].seq : null;
  }

  /**
   * Moves to the epoch that arriving seqs count in (undefined, or 0 from a server mid-upgrade: one before epochs,
   * numbering the same log). Returns true when that emptied the timeline: the epoch changed, and what is held is no
   * longer comparable to what arrives.
   */
  enter(epoch: number | undefined): boolean {
    if (!epoch || epoch === this.epoch) return false;
    const known = this.epoch !== null;
    this.epoch = epoch;
    if (!known) return false;
    this.bySeq.clear();
    this.sorted.length = 0;
    this.contiguous = null;
    this.known = 0;
    return true;
  }

  /**
   * Adds messages; returns those that were new, in ascending seq. `lastSeq`, where a page or snapshot says it,
   * is the room's last seq at that time: anything beyond what arrived is then known to be missing. `firstSeq`
   * is where the room's history begins: what lies below it was archived, so it is not missing.
   */
  merge(messages: readonly ChatMessage[], lastSeq?: number, firstSeq?: number): ChatMessage[] {
    const added: ChatMessage[] = [];
    for (const message of messages) {
      if (this.bySeq.has(message.seq)) continue;
      this.bySeq.set(message.seq, message);
      added.push(message);
      this.known = Math.max(this.known, message.seq);
    }
    if (lastSeq !== undefined) this.known = Math.max(this.known, lastSeq);
    added.sort((a, b) => a.seq - b.seq);
    for (const message of added) this.sorted.splice(this.insertionIndex(message.seq), 0, message);

    if (this.contiguous === null) {
      if (this.sorted.length > 0) this.contiguous = this.sorted[0].seq - 1;
      else if (lastSeq !== undefined) this.contiguous = lastSeq;
    }
    if (this.contiguous !== null && firstSeq !== undefined) this.contiguous = Math.max(this.contiguous, firstSeq - 1);
    if (this.contiguous !== null) {
      while (this.bySeq.has(this.contiguous + 1)) this.contiguous++;
    }
    return added;
  }

  /** Records that a message with this seq exists (an acknowledgement) without holding it yet. */
  observe(seq: number): void {
    this.known = Math.max(this.known, seq);
  }

  /** The seq after which messages are missing (fetch `after=` it), or null when nothing is. */
  gapAfter(): number | null {
    return this.contiguous !== null && this.known > this.contiguous ? this.contiguous : null;
  }

  has(seq: number): boolean {
    return this.bySeq.has(seq);
  }

  get(seq: number): ChatMessage | undefined {
    return this.bySeq.get(seq);
  }

  /** Puts a newer copy of a held message in its place (a change applied to it); one not held is ignored. */
  replace(message: ChatMessage): boolean {
    if (!this.bySeq.has(message.seq)) return false;
    this.bySeq.set(message.seq, message);
    this.sorted[this.insertionIndex(message.seq)] = message;
    return true;
  }

  /** The held message that follows `seq` in order, if any: where a late arrival goes on screen. */
  following(seq: number): ChatMessage | undefined {
    return this.sorted[this.insertionIndex(seq + 1)];
  }

  /** The first index whose seq is at least `seq`. */
  private insertionIndex(seq: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle].seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
