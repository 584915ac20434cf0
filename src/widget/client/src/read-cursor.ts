import type { RoomSnapshot } from "./protocol.js";

/**
 * How far the user has read the room, only ever forward: by what they see here (which the server is told), by a
 * receipt of theirs from another tab or device, and at a join, where the server learns what was read while
 * disconnected and this cursor what was read elsewhere.
 */
export class ReadCursor {
  private current = 0;

  /** `tell`: sends a cursor to the server; `moved`: tells listeners that the user read further. */
  constructor(private readonly tell: (seq: number) => void, private readonly moved: (seq: number) => void) {}

  get seq(): number {
    return this.current;
  }

  /** The user has seen up to `seq` here. */
  read(seq: number): void {
    if (this.advance(seq)) this.tell(seq);
  }

  /** A read receipt of the user's own: read on another tab or device. */
  readElsewhere(seq: number): void {
    this.advance(seq);
  }

  joined(snapshot: Pick<RoomSnapshot, "readSeq" | "lastSeq">): void {
    if (this.current > snapshot.readSeq && this.current <= snapshot.lastSeq) this.tell(this.current);
    this.current = Math.max(this.current, snapshot.readSeq);
  }

  /** A new epoch: the cursor counted in the old one; the server's comes with the next snapshot or receipt. */
  reset(): void {
    this.current = 0;
  }

  private advance(seq: number): boolean {
    if (seq <= this.current) return false;
    this.current = seq;
    this.moved(seq);
    return true;
  }
}
