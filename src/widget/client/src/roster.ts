import type { Member } from "./protocol.js";

/**
 * The room's members as this client knows them: the join snapshot's list, kept current by live events. Past the
 * server's member-events limit a snapshot lists only the member who joined and says how many the room has: the list is
 * then partial, and the count is what there is to show.
 */
export class Roster {
  private readonly members = new Map<string, Member>();
  /** Members of the room that the list does not hold. */
  private unlisted = 0;

  constructor(private readonly changed: (members: Member[]) => void) {}

  list(): Member[] {
    return [...this.members.values()];
  }

  /** How many members the room has. */
  count(): number {
    return this.members.size + this.unlisted;
  }

  /**
   * Takes a snapshot's list as it is, with the room's `count` when the snapshot gives it (a server from before the
   * count gives none: the list is whole); the caller tells listeners when the rest of the snapshot is in.
   */
  replace(members: readonly Member[], count?: number | null): void {
    this.members.clear();
    for (const member of members) this.members.set(member.userId, member);
    this.unlisted = Math.max(0, (count ?? 0) - this.members.size);
  }

  set(member: Member): void {
    this.members.set(member.userId, member);
    this.changed(this.list());
  }

  update(userId: string, change: Partial<Member>): void {
    const member = this.members.get(userId);
    if (member) this.set({ ...member, ...change });
  }

  /** A member left: one of the list, or one the list did not hold (a room that shrank back under the limit). */
  remove(userId: string): void {
    if (this.members.delete(userId)) this.changed(this.list());
    else if (this.unlisted > 0) {
      this.unlisted--;
      this.changed(this.list());
    }
  }

  /** A read receipt: read cursors only move forward. */
  readUpTo(userId: string, seq: number): void {
    const member = this.members.get(userId);
    if (member && seq > member.readSeq) this.set({ ...member, readSeq: seq });
  }
}
