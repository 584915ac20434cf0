using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

// Joining rooms and keeping each one whole: join with the highest seq delivered, fill gaps over REST, follow message
// changes in order. Joining them again is ChatConnection.Rejoins.cs.
public sealed partial class ChatConnection
{
    /// <summary>
    /// Joins a room (<c>JoinRoom</c>) and keeps it joined across reconnects. Messages are delivered through
    /// <see cref="MessageReceived"/>, the snapshot's first: those after <paramref name="afterSeq"/> (what your
    /// application already holds), or without it the latest page. Joining a room again changes nothing.
    /// </summary>
    public Task<RoomSnapshot> JoinRoomAsync(string roomId, long? afterSeq = null, CancellationToken cancellationToken = default) =>
        JoinAndKeepAsync(roomId, afterSeq, afterChange: null, cancellationToken);

    /// <summary>
    /// Joins a room whose messages up to <paramref name="afterSeq"/> your application holds with every change up to
    /// <paramref name="afterChange"/> (the highest <c>changeSeq</c> it applied, say kept in its own store): besides the
    /// messages after <paramref name="afterSeq"/>, <see cref="MessagesChanged"/> then raises the changes after
    /// <paramref name="afterChange"/>, those to the messages it holds among them.
    /// </summary>
    public Task<RoomSnapshot> JoinRoomAsync(string roomId, long afterSeq, long afterChange, CancellationToken cancellationToken = default) =>
        JoinAndKeepAsync(roomId, afterSeq, afterChange, cancellationToken);

    private async Task<RoomSnapshot> JoinAndKeepAsync(string roomId, long? afterSeq, long? afterChange, CancellationToken cancellationToken)
    {
        var room = _rooms.GetOrAdd(roomId, id => new JoinedRoom(id));
        try
        {
            return await JoinAndCatchUpAsync(room, afterSeq, afterChange, rejoin: false, cancellationToken);
        }
        catch (Exception)
        {
            // Refused, or not connected: the room was never joined, so no reconnect may join it behind the caller's back.
            if (!room.Timeline.Started) _rooms.TryRemove(roomId, out _);
            throw;
        }
    }

    /// <summary>Ends membership (<c>LeaveRoom</c>); the room is no longer rejoined.</summary>
    public async Task LeaveRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        var room = _rooms.TryGetValue(roomId, out var followed) ? followed : null;
        if (room is not null) room.Leaving = true;
        try
        {
            await HubRefusals.Call(() => _hub.InvokeAsync("LeaveRoom", roomId, cancellationToken));
        }
        catch
        {
            if (room is not null) room.Leaving = false;
            throw;
        }
        _rooms.TryRemove(roomId, out _);
    }

    /// <summary>
    /// Joins with the highest seq delivered so that the snapshot carries exactly what was missed, fills the rest
    /// over REST, then brings the changes up to date; all under the room's gate, so live events wait their turn.
    /// <paramref name="rejoin"/>: a reconnect's (<c>RejoinRoom</c>), which never joins a user who is out of the room
    /// meanwhile (a public room would take a join as their coming back).
    /// </summary>
    private async Task<RoomSnapshot> JoinAndCatchUpAsync(JoinedRoom room, long? afterSeq, long? afterChange, bool rejoin, CancellationToken cancellationToken)
    {
        await room.Gate.WaitAsync(cancellationToken);
        try
        {
            var after = room.Timeline.Started ? room.Timeline.Delivered : afterSeq;
            var snapshot = await ListenAsync(room.RoomId, after, rejoin, cancellationToken);
            if (room.Timeline.Started && snapshot.Epoch != room.Timeline.Epoch)
            {
                // A restored backup hands out seqs again: what was held counts for nothing; start from the latest page.
                room.Timeline.Reset();
                room.Changes.Reset();
                Raise(RoomRestarted, room.RoomId);
                // The new epoch's latest page is delivered whole: a seq held in the old one says nothing of it.
                after = null;
                afterChange = null;
                snapshot = await ListenAsync(room.RoomId, null, rejoin, cancellationToken);
            }
            if (!room.Timeline.Started) StartTimeline(room, after, snapshot);
            Deliver(room.Timeline.HistoryBeginsAt(snapshot.FirstSeq));
            Deliver(room.Timeline.Accept(snapshot.Messages));
            // The changes start with the timeline, before anything that may fail: a first join whose fill fails stays
            // joined, and its live changes and its next rejoin's catch-up follow on from here.
            if (room.Changes.Cursor is not null) room.Changes.Reached(snapshot.LastChange);
            // A cursor past the room's (a restored log numbers its changes anew) or past its seqs holds nothing to go on.
            else if (afterChange is { } held && held <= snapshot.LastChange && after <= snapshot.LastSeq) room.Changes.StartAfter(held, snapshot.LastChange);
            else Deliver(room.Changes.Start(snapshot));
            await FillAsync(room, snapshot.LastSeq, cancellationToken);
            await CatchUpChangesAsync(room, cancellationToken);
            return snapshot;
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary><c>JoinRoom</c>, or <c>RejoinRoom</c>; a server of a release before it is asked to join, as clients did then.</summary>
    private async Task<RoomSnapshot> ListenAsync(string roomId, long? after, bool rejoin, CancellationToken cancellationToken)
    {
        if (rejoin)
        {
            try
            {
                return await HubRefusals.Call(() => _hub.InvokeAsync<RoomSnapshot>("RejoinRoom", roomId, after, cancellationToken));
            }
            catch (HubException unknown) when (HubRefusals.IsUnknownMethod(unknown))
            {
                // Asked to join below.
            }
        }
        return await HubRefusals.Call(() => _hub.InvokeAsync<RoomSnapshot>("JoinRoom", roomId, after, cancellationToken));
    }

    /// <summary>Where delivery begins: after the seq the application holds, else just before the snapshot's messages.</summary>
    private static void StartTimeline(JoinedRoom room, long? afterSeq, RoomSnapshot snapshot)
    {
        var start = afterSeq is { } held && held <= snapshot.LastSeq
            ? held
            : snapshot.Messages.Count > 0 ? snapshot.Messages[0].Seq - 1 : snapshot.LastSeq;
        room.Timeline.Start(start, snapshot.Epoch);
    }

    private Task OnLiveMessageAsync(ChatMessage message) => UnderGateAsync(message.RoomId, room =>
    {
        if (!room.Timeline.Started) return;
        if (message.Epoch != room.Timeline.Epoch)
        {
            // Only a rejoin can tell what the new epoch holds: one, however many of its messages arrive meanwhile.
            if (Interlocked.Exchange(ref room.RestartScheduled, 1) == 0) _ = RestartAsync(room);
            return;
        }
        Deliver(room.Timeline.Accept([message]));
        if (room.Timeline.HasGap) ScheduleRepair(room);
    });

    private async Task OnLiveChangesAsync(IReadOnlyList<MessageChange> changes)
    {
        foreach (var roomChanges in changes.GroupBy(change => change.RoomId))
        {
            await UnderGateAsync(roomChanges.Key, room =>
            {
                Deliver(room.Changes.Accept(roomChanges));
                if (room.Changes.Behind) ScheduleRepair(room);
            });
        }
    }

    /// <summary>Runs a live event's handling under its room's gate, if the room is joined.</summary>
    private async Task UnderGateAsync(string roomId, Action<JoinedRoom> handle)
    {
        if (!_rooms.TryGetValue(roomId, out var room)) return;
        try
        {
            await room.Gate.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            handle(room);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>
    /// A message or change came after a gap: the missing ones are usually just behind it, so wait a moment before
    /// asking for them (messages over REST, changes with <c>GetChanges</c>). Retried with backoff while the gap lasts.
    /// </summary>
    private void ScheduleRepair(JoinedRoom room)
    {
        if (Interlocked.Exchange(ref room.FillScheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
                {
                    await Task.Delay(attempt == 0 ? TimeSpan.FromMilliseconds(300) : Backoff.Delay(attempt), _time, _stopping.Token);
                    await room.Gate.WaitAsync(_stopping.Token);
                    try
                    {
                        if (room.Timeline.HasGap) await FillAsync(room, room.Timeline.Highest, _stopping.Token);
                        await CatchUpChangesAsync(room, _stopping.Token);
                        return;
                    }
                    catch (Exception exception) when (Transient.Is(exception, _stopping.Token))
                    {
                        // Try again after a pause.
                    }
                    finally
                    {
                        room.Gate.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Disposed.
            }
            finally
            {
                Volatile.Write(ref room.FillScheduled, 0);
            }
        });
    }

    /// <summary>Fetches over REST, page by page, what lies after the delivered seq up to <paramref name="upTo"/> (under the gate).</summary>
    private async Task FillAsync(JoinedRoom room, long upTo, CancellationToken cancellationToken)
    {
        while (room.Timeline.Delivered < upTo || room.Timeline.HasGap)
        {
            var page = await Api.GetMessagesAsync(room.RoomId, after: room.Timeline.Delivered, limit: 200, cancellationToken: cancellationToken);
            Deliver(room.Timeline.HistoryBeginsAt(page.FirstSeq));
            var before = room.Timeline.Delivered;
            Deliver(room.Timeline.Accept(page.Messages));
            // Nothing more to be had (the page answered the latest instead, or the log ends here).
            if (room.Timeline.Delivered == before || !page.HasMore && room.Timeline.Delivered >= page.LastSeq) return;
        }
    }

    private void Deliver(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages) Raise(MessageReceived, message);
    }

    private void Deliver(IReadOnlyList<MessageChange> changes)
    {
        if (changes.Count > 0) Raise(MessagesChanged, changes);
    }

    /// <summary>Fetches the changes after the cursor while the room is known to have more (under the gate).</summary>
    private async Task CatchUpChangesAsync(JoinedRoom room, CancellationToken cancellationToken)
    {
        while (room.Changes.Behind && room.Changes.Cursor is { } cursor)
        {
            var page = _hub.State == HubConnectionState.Connected
                ? await HubRefusals.Call(() => _hub.InvokeAsync<ChangePage>("GetChanges", room.RoomId, cursor, cancellationToken))
                : await Api.GetChangesAsync(room.RoomId, cursor, cancellationToken: cancellationToken);
            Deliver(room.Changes.Accept(page.Changes));
            if (!page.HasMore) room.Changes.CaughtUpTo(page.LastChange);
            if (page.Changes.Count == 0) return;
        }
    }
}
