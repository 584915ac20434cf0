using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

// Joining followed rooms again: after a reconnect, after a restore, and to confirm the server's word that the user is
// out of one. A rejoin never joins (RejoinRoom): it must not undo a leave or a removal made meanwhile.
public sealed partial class ChatConnection
{
    /// <summary>After a reconnect: every room joined, again, with what it missed.</summary>
    private async Task RejoinAllAsync()
    {
        foreach (var room in _rooms.Values)
        {
            if (!await RejoinAsync(room, RaiseRefused)) return;
        }
        Raise(Reconnected);
    }

    private void RaiseRefused(JoinedRoom room, ChatRequestException refusal) => Raise(RoomRefused, new RoomRefused(room.RoomId, refusal));

    /// <summary>
    /// Joins a followed room again, retrying what fails for a while with backoff: a join that failed leaves the
    /// connection out of the room (or, after a restore, the room's timeline not started), so nothing else would bring
    /// its events back while the connection stays up. False when the connection dropped first (its reconnect rejoins).
    /// <paramref name="outOfRoom"/>: told once the room is no longer followed because the rejoin was refused for good.
    /// </summary>
    private async Task<bool> RejoinAsync(JoinedRoom room, Action<JoinedRoom, ChatRequestException> outOfRoom)
    {
        for (var attempt = 0; !_stopping.IsCancellationRequested; attempt++)
        {
            // Left meanwhile (and perhaps joined anew, as another JoinedRoom): a retry must not join it again.
            if (!_rooms.TryGetValue(room.RoomId, out var followed) || !ReferenceEquals(followed, room)) return true;
            try
            {
                await JoinAndCatchUpAsync(room, null, null, rejoin: true, _stopping.Token);
                return true;
            }
            catch (ChatRequestException refusal) when (refusal.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // Out of the room meanwhile (left elsewhere, removed, banned), or the room is gone: no longer the
                // application's to follow, and it must hear so.
                if (_rooms.TryRemove(KeyValuePair.Create(room.RoomId, room))) outOfRoom(room, refusal);
                return true;
            }
            // Any other refusal says nothing of the room (a token the hook has yet to renew, say), nor does a failure
            // of the server's own (a HubException without a word): try again, as when the server is down for a moment.
            catch (Exception exception) when (exception is ChatRequestException or HubException && !_stopping.IsCancellationRequested
                                              || Transient.Is(exception, _stopping.Token))
            {
                if (_hub.State != HubConnectionState.Connected) return false;
                await Task.Delay(Backoff.Delay(attempt), _time, _stopping.Token);
            }
        }
        return false;
    }

    /// <summary>
    /// The server let this connection go from a room because the user is out of it: stop following it, so that no
    /// reconnect joins it again (a public room would take that as joining anew), and tell the application unless this
    /// connection's own leave did it. Confirmed first by a rejoin, which never joins: the event may be older than a
    /// join of this connection that it crossed on its way (SignalR raises events apart from calls' answers).
    /// </summary>
    private async Task OnRoomLeftAsync(RoomLeft left)
    {
        if (!_rooms.TryGetValue(left.RoomId, out var room)) return;
        if (room.Leaving)
        {
            _rooms.TryRemove(KeyValuePair.Create(room.RoomId, room));
            return;
        }
        try
        {
            // Its own leave may have reached the server first after all: then the refusal is the leave's answer.
            await RejoinAsync(room, (refused, _) =>
            {
                if (!refused.Leaving) Raise(RoomLeft, left);
            });
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Rejoins a room whose log began a new epoch (the server restored a backup).</summary>
    private async Task RestartAsync(JoinedRoom room)
    {
        try
        {
            await RejoinAsync(room, RaiseRefused);
        }
        finally
        {
            Volatile.Write(ref room.RestartScheduled, 0);
        }
    }
}
