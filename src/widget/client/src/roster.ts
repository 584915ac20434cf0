import type { Member } from "./protocol.js";

/** The room's members as this client knows them: the join snapshot's list, kept current by live events. */
export class Roster {
  private readonly members = new Map<string, Member>();

  constructor(private readonly changed: (members: Member[]) => void) {}

  list(): Member[] {
    return [...this.members.values()];
  }

  /** Takes a snapshot's list as it is; the caller tells listeners when the rest of the snapshot is in. */
  replace(members: readonly Member[]): void {
    this.members.clear();
    for (const member of members) this.members.set(member.userId, member);
  }

  set(member: Member): void {
    this.members.set(member.userId, member);
    this.changed(this.list());
  }

  update(userId: string, change: Partial<Member>): void {
    const member = this.members.get(userId);
    if (member) this.set({ ...member, ...change });
  }

  remove(userId: string): void {
    if (this.members.delete(userId)) this.changed(this.list());
  }

  /** A read receipt: read cursors only move forward. */
  readUpTo(userId: string, seq: number): void {
    const member = this.members.get(userId);
    if (member && seq > member.readSeq) this.set({ ...member, readSeq: seq });
  }
}
