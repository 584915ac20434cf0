using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Joining a room on a connection, in the only safe order: the room admits the user (a refused caller is never
/// attached and learns nothing), then the connection listens, then the snapshot is topped up from the log with
/// what the node relayed between the room's answer and the attachment (messages, and changes to messages). Nothing is missed, and no push repeats the
/// snapshot, but for a connection that joins again while attached: it is not topped up, since it was pushed all that
/// meanwhile, and a message stored before the room answered may still be on its way to it when the snapshot holds it.
/// </summary>
public sealed class RoomJoining(IGrainFactory grains, RoomFanout fanout)
{
    /// <summary>How far a snapshot is topped up; beyond, its last seq tells the client to fetch the rest.</summary>
    private const int MaxTopUp = 200;

    /// <summary><paramref name="rejoin"/>: only while the user is a member (a reconnect's), never joining them.</summary>
    public async Task<RoomSnapshot> JoinAsync(
        ChatUser user, string connectionId, string roomId, long? afterSeq, bool rejoin, bool coalescedChanges, CancellationToken connectionClosed)
    {
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var admission = rejoin ? await room.Rejoin(user, afterSeq) : await room.Join(user, afterSeq);
        var snapshot = admission.Snapshot;
        var pushedAfter = await fanout.AttachAsync(roomId, connectionId, user.UserId, snapshot.LastSeq, snapshot.Epoch, admission.AccessRevision,
            coalescedChanges);
        // Hub calls run beside the connection's end: one that closed while this join was on its way was let go of
        // every room before this attachment, which nothing would ever detach.
        if (connectionClosed.IsCancellationRequested)
        {
            await fanout.DetachAsync(roomId, connectionId);
            connectionClosed.ThrowIfCancellationRequested();
        }
        if (pushedAfter.Seq <= snapshot.LastSeq && pushedAfter.Change <= snapshot.LastChange) return snapshot;
        try
        {
            if (pushedAfter.Seq > snapshot.LastSeq) snapshot = await TopUpAsync(room, user, snapshot, pushedAfter.Seq);
            if (pushedAfter.Change > snapshot.LastChange) snapshot = await TopUpChangesAsync(room, user, snapshot, pushedAfter.Change);
            return snapshot;
        }
        catch
        {
            await fanout.DetachAsync(roomId, connectionId);
            throw;
        }
    }

    /// <summary>The changes the node relayed before the connection listened, which its snapshot's messages may not hold yet.</summary>
    private static async Task<RoomSnapshot> TopUpChangesAsync(IRoomGrain room, ChatUser user, RoomSnapshot snapshot, long pushedAfter)
    {
        var changes = new List<MessageChange>();
        var after = snapshot.LastChange;
        while (after < pushedAfter)
        {
            var page = await room.GetChanges(user.UserId, after, (int)Math.Min(pushedAfter - after, MaxTopUp));
            changes.AddRange(page.Changes.Where(c => c.ChangeSeq <= pushedAfter));
            if (page.Changes.Count == 0) break;
            after = page.Changes[^1].ChangeSeq;
        }
        return snapshot with { Changes = changes, LastChange = Math.Max(snapshot.LastChange, after) };
    }

    private static async Task<RoomSnapshot> TopUpAsync(IRoomGrain room, ChatUser user, RoomSnapshot snapshot, long pushedAfter)
    {
        var grown = snapshot with { LastSeq = pushedAfter, Room = snapshot.Room with { LastSeq = pushedAfter } };
        // A snapshot that stops short of its last seq already tells the client to fetch the rest over REST.
        var reachesItsEnd = snapshot.Messages.Count == 0 || snapshot.Messages[^1].Seq == snapshot.LastSeq;
        if (!reachesItsEnd) return grown;
        var limit = (int)Math.Min(pushedAfter - snapshot.LastSeq, MaxTopUp);
        var missed = await room.GetMessages(user.UserId, new HistoryQuery(Before: null, After: snapshot.LastSeq, limit));
        ChatMessage[] messages = [.. snapshot.Messages, .. missed.Messages.Where(m => m.Seq <= pushedAfter)];
        // Topped up only part of the way: hasMore tells the client to fetch the rest over REST.
        return grown with { Messages = messages, HasMore = snapshot.HasMore || messages.Length > 0 && messages[^1].Seq < pushedAfter };
    }
}
