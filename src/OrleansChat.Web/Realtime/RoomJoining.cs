using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Joining a room on a connection, in the only safe order: the room admits the user (a refused caller is never
/// attached and learns nothing), then the connection listens, then the snapshot is topped up from the log with
/// what the node relayed between the room's answer and the attachment. Nothing is missed, nothing comes twice.
/// </summary>
public sealed class RoomJoining(IGrainFactory grains, RoomFanout fanout)
{
    /// <summary>How far a snapshot is topped up; beyond, its last seq tells the client to fetch the rest.</summary>
    private const int MaxTopUp = 200;

    public async Task<RoomSnapshot> JoinAsync(ChatUser user, string connectionId, string roomId, long? afterSeq)
    {
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var admission = await room.Join(user, afterSeq);
        var snapshot = admission.Snapshot;
        var pushedAfter = await fanout.AttachAsync(roomId, connectionId, user.UserId, snapshot.LastSeq, admission.AccessRevision);
        if (pushedAfter <= snapshot.LastSeq) return snapshot;
        try
        {
            return await TopUpAsync(room, user, snapshot, pushedAfter);
        }
        catch
        {
            await fanout.DetachAsync(roomId, connectionId);
            throw;
        }
    }

    private static async Task<RoomSnapshot> TopUpAsync(IRoomGrain room, ChatUser user, RoomSnapshot snapshot, long pushedAfter)
    {
        var grown = snapshot with { LastSeq = pushedAfter, Room = snapshot.Room with { LastSeq = pushedAfter } };
        // A snapshot that stops short of its last seq already tells the client to fetch the rest over REST.
        var reachesItsEnd = snapshot.Messages.Count == 0 || snapshot.Messages[^1].Seq == snapshot.LastSeq;
        if (!reachesItsEnd) return grown;
        var limit = (int)Math.Min(pushedAfter - snapshot.LastSeq, MaxTopUp);
        var missed = await room.GetMessages(user.UserId, new HistoryQuery(Before: null, After: snapshot.LastSeq, limit));
        return grown with { Messages = [.. snapshot.Messages, .. missed.Messages.Where(m => m.Seq <= pushedAfter)] };
    }
}
