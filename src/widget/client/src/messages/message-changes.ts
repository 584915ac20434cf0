import { applyChange, withoutExcerptOf } from "./apply-change.js";
import type { Timeline } from "./timeline.js";
import type { ChangePage, ChatMessage, MessageChange, RoomSnapshot } from "../protocol.js";

/** How many recent changes are kept to bring up to date a message that arrives in a page fetched before them. */
const remembered = 200;

/**
 * A room's changes to its messages (edits, deletions, reactions), applied to the timeline in the room's order of
 * changes with no change missed. The cursor is the highest `changeSeq` up to which every change was seen. A live
 * change right after it is applied; one further on means some were missed, and they are fetched after the cursor
 * (`GetChanges`) until none is left, so that changes to one message are never applied out of order. While a join
 * is on its way, live changes wait for its snapshot: the messages they change may be in it.
 */
export class MessageChanges {
  private cursor: number | null = null;
  /** The highest changeSeq the room is known to have reached. */
  private known = 0;
  private waiting: MessageChange[] | null = null;
  private fetching: Promise<void> | null = null;
  private readonly recent: MessageChange[] = [];
  /** Counts resets: a fetch begun before one (an old epoch's changes) applies nothing after it. */
  private generation = 0;

  constructor(
    private readonly timeline: Timeline,
    private readonly me: string,
    private readonly fetch: (afterChange: number) => Promise<ChangePage>,
    private readonly changed: (messages: ChatMessage[]) => void,
  ) {}

  /** Every change up to this one has been seen; null before the first join. */
  get lastChange(): number | null {
    return this.cursor;
  }

  /** A join is on its way: live changes wait for its snapshot. */
  joining(): void {
    this.waiting ??= [];
  }

  /**
   * The snapshot's messages are in the timeline. On the first join they hold every change up to `lastChange` but
   * the snapshot's own `changes`; on a rejoin, the messages held from before hold only the changes up to the old
   * cursor, so everything after it is fetched (which covers the snapshot's changes too).
   */
  async joined(snapshot: RoomSnapshot): Promise<void> {
    const waiting = this.waiting ?? [];
    this.waiting = null;
    const lastChange = snapshot.lastChange ?? 0;
    if (this.cursor === null) {
      this.apply(snapshot.changes ?? []);
      this.cursor = lastChange;
    }
    this.known = Math.max(this.known, lastChange);
    for (const change of waiting) this.live(change);
    await this.catchUp();
  }

  /** A change of this room, from `MessagesChanged`. */
  live(change: MessageChange): void {
    if (this.waiting) {
      this.waiting.push(change);
      return;
    }
    this.known = Math.max(this.known, change.changeSeq);
    if (this.cursor === null || change.changeSeq <= this.cursor) return;
    // A coalesced push leaves out reactions whose results its later changes hold: it follows on from `follows`.
    if ((change.follows ?? change.changeSeq - 1) <= this.cursor) {
      this.apply([change]);
      this.cursor = change.changeSeq;
    } else {
      void this.catchUp();
    }
  }

  /** Fetches the changes after the cursor while the room is known to have more; one fetch at a time. */
  catchUp(): Promise<void> {
    if (this.fetching) return this.fetching;
    // Cleared in `finally`, which runs after the assignment even when there is nothing to fetch; only if it is still
    // this one (a reset lets the next epoch's fetch start while an old one winds down).
    const fetching: Promise<void> = this.fetchMissed().finally(() => {
      if (this.fetching === fetching) this.fetching = null;
    });
    this.fetching = fetching;
    return fetching;
  }

  /**
   * Messages new to the timeline, from a page that may have been read before a change the client has applied
   * since (to the messages it held then): returns them with those changes. `readAfter` is the cursor when the page
   * was asked for: when more changes were applied since than are remembered, the page's messages are brought up to
   * date from the server's changes after it (they are told through `changed` once fetched).
   */
  arrived(messages: readonly ChatMessage[], readAfter?: number | null): ChatMessage[] {
    if (messages.length > 0 && readAfter != null && this.cursor !== null && this.cursor > readAfter && !this.remembersAfter(readAfter)) {
      void this.refetch(readAfter);
    }
    if (this.recent.length === 0) return [...messages];
    return messages.map((message) => {
      let current = message;
      for (const change of this.recent) {
        if (change.seq === message.seq) current = applyChange(current, change, this.me) ?? current;
      }
      if (current !== message) this.timeline.replace(current);
      return current;
    });
  }

  /** A held message as the server now says it is (the answer to an edit, a deletion or a reaction). */
  settle(message: ChatMessage): void {
    const held = this.timeline.get(message.seq);
    if (!held || (message.changeSeq ?? 0) <= (held.changeSeq ?? 0)) return;
    this.timeline.replace(message);
    const quoting = message.deletedAt ? this.dropExcerpts(message.seq) : [];
    this.changed([message, ...quoting]);
  }

  /** The server's log began a new epoch: changes count afresh from the next snapshot. */
  reset(): void {
    this.generation++;
    this.fetching = null;
    this.cursor = null;
    this.known = 0;
    this.recent.length = 0;
  }

  private async fetchMissed(): Promise<void> {
    const generation = this.generation;
    try {
      while (this.cursor !== null && this.known > this.cursor) {
        const page = await this.fetch(this.cursor);
        if (generation !== this.generation) return;
        this.apply(page.changes);
        const last = page.changes.length > 0 ? page.changes[page.changes.length - 1].changeSeq : this.cursor;
        this.cursor = Math.max(this.cursor ?? 0, page.hasMore ? last : Math.max(last, page.lastChange));
        this.known = Math.max(this.known, page.lastChange);
        if (page.changes.length === 0) break;
      }
    } catch {
      // The next change that skips, or the next join, asks again.
    }
  }

  /** Whether every change after `after` that the cursor has passed is remembered (or its result, for a coalesced one). */
  private remembersAfter(after: number): boolean {
    const oldest = this.recent[0];
    return oldest !== undefined && (oldest.follows ?? oldest.changeSeq - 1) <= after;
  }

  /** The changes from `after` to the cursor again, for messages read before them: held ones skip what they hold. */
  private async refetch(after: number): Promise<void> {
    const generation = this.generation;
    try {
      while (this.cursor !== null && after < this.cursor) {
        const page = await this.fetch(after);
        if (generation !== this.generation) return;
        const upToCursor = page.changes.filter((c) => this.cursor !== null && c.changeSeq <= this.cursor);
        this.apply(upToCursor);
        if (!page.hasMore || upToCursor.length < page.changes.length || page.changes.length === 0) break;
        after = page.changes[page.changes.length - 1].changeSeq;
      }
    } catch {
      // The page's messages stay as read: a change made to them later still reaches them, and reading them again
      // (a reload) brings the rest.
    }
  }

  private apply(changes: readonly MessageChange[]): void {
    const updated = new Map<number, ChatMessage>();
    for (const change of changes) {
      this.remember(change);
      const held = updated.get(change.seq) ?? this.timeline.get(change.seq);
      const next = held && applyChange(held, change, this.me);
      if (next) updated.set(next.seq, next);
      if (change.kind === "deleted") for (const reply of this.dropExcerpts(change.seq, updated)) updated.set(reply.seq, reply);
    }
    for (const message of updated.values()) this.timeline.replace(message);
    if (updated.size > 0) this.changed([...updated.values()].sort((a, b) => a.seq - b.seq));
  }

  /** Replies held that quote a deleted message, without its excerpt (put in the timeline unless `pending` gathers them). */
  private dropExcerpts(deletedSeq: number, pending?: Map<number, ChatMessage>): ChatMessage[] {
    const replies: ChatMessage[] = [];
    for (const message of this.timeline.messages) {
      const reply = withoutExcerptOf(pending?.get(message.seq) ?? message, deletedSeq);
      if (!reply) continue;
      replies.push(reply);
      if (!pending) this.timeline.replace(reply);
    }
    return replies;
  }

  /** Keeps the latest changes in change order; one fetched again (older than all kept) is not kept. */
  private remember(change: MessageChange): void {
    if (this.recent.some((c) => c.changeSeq === change.changeSeq)) return;
    const at = this.recent.findIndex((c) => c.changeSeq > change.changeSeq);
    if (at === -1) this.recent.push(change);
    else this.recent.splice(at, 0, change);
    if (this.recent.length > remembered) this.recent.shift();
  }
}
