import type { HubConnection } from "@microsoft/signalr";
import { isUnknownMethod } from "./errors.js";
import type { RoomSnapshot } from "./protocol.js";

/**
 * How a client listens to its room: it joins at first (`JoinRoom`, unless told not to join), and only rejoins after
 * (`RejoinRoom`, which never joins: a join would undo a leave or a removal made while the client was away). A server of
 * a release before `RejoinRoom` can only be asked to join.
 */
export class RoomListening {
  private joinedBefore = false;

  constructor(private readonly hub: HubConnection, private readonly roomId: string, private readonly joins: boolean) {}

  /** The room's snapshot after `lastSeq`, this connection listening from it; `rejoin`: never join this time. */
  async snapshot(lastSeq: number | null, rejoin = this.joinedBefore || !this.joins): Promise<RoomSnapshot> {
    let snapshot: RoomSnapshot | null = null;
    if (rejoin) {
      try {
        snapshot = await this.hub.invoke<RoomSnapshot>("RejoinRoom", this.roomId, lastSeq);
      } catch (error) {
        if (!isUnknownMethod(error)) throw error;
      }
    }
    snapshot ??= await this.hub.invoke<RoomSnapshot>("JoinRoom", this.roomId, lastSeq);
    this.joinedBefore = true;
    return snapshot;
  }
}
