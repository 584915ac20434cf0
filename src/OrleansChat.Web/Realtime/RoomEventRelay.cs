using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// This node's observer of rooms: a room tells it each event once, and it hands the event to that room's
/// <see cref="LocalRoom"/>, which relays it to the room's local connections. Orleans runs an observer's calls one at
/// a time, so each is handed on without waiting: one busy room never holds up the others. Calls can arrive in
/// another order than the room made them: messages carry their seq, changes their change seq, assistant pieces their
/// index, and the rest is
/// put right where it matters (see <see cref="LocalRoom"/>).
/// </summary>
internal sealed class RoomEventRelay : IRoomObserver
{
    private readonly Func<string, LocalRoom?> _find;
    private readonly ILogger _logger;
    private readonly RealtimeMetrics _metrics;

    public RoomEventRelay(Func<string, LocalRoom?> find, RealtimeMetrics metrics, ILogger logger)
    {
        _find = find;
        _logger = logger;
        _metrics = metrics;
    }

    public Task OnMessages(string roomId, long accessRevision, IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Count == 0) return Task.CompletedTask;
        _metrics.Received(messages.Count);
        return HandOn(roomId, room => room.RelayMessagesAsync(accessRevision, messages));
    }

    public Task OnChanges(string roomId, long accessRevision, IReadOnlyList<MessageChange> changes) =>
        changes.Count == 0 ? Task.CompletedTask : HandOn(roomId, room => room.RelayChangesAsync(accessRevision, changes));

    public Task OnTyping(long accessRevision, TypingChanged typing) => Relay(typing.RoomId, accessRevision, c => c.TypingChanged(typing));

    public Task OnPresence(string roomId, long accessRevision, PresenceChanged presence) => Relay(roomId, accessRevision, c => c.PresenceChanged(presence));

    public Task OnMemberJoined(long accessRevision, MemberJoined joined) =>
        HandOn(joined.RoomId, room => room.RelayAboutMemberAsync(accessRevision, joined.Member.UserId, c => c.MemberJoined(joined)));

    // The revision it names makes the node let the member's connections go (telling them) before the others hear it.
    public Task OnMemberLeft(long accessRevision, MemberLeft left) =>
        HandOn(left.RoomId, room => room.RelayMemberLeftAsync(accessRevision, left));

    public Task OnMemberChanged(long accessRevision, MemberChanged changed) =>
        HandOn(changed.RoomId, room => room.RelayAboutMemberAsync(accessRevision, changed.Member.UserId, c => c.MemberChanged(changed)));

    public Task OnReadReceipt(long accessRevision, ReadReceipt receipt) => Relay(receipt.RoomId, accessRevision, c => c.ReadReceipt(receipt));

    public Task OnAssistantDelta(long accessRevision, AssistantDelta delta) =>
        HandOn(delta.RoomId, room => room.RelayAssistantDeltaAsync(accessRevision, delta));

    public Task OnSupportChanged(string roomId, long accessRevision, SupportChanged change) => Relay(roomId, accessRevision, c => c.SupportChanged(change));

    public Task OnSupportNote(string roomId, long accessRevision, SupportNote note) => Relay(roomId, accessRevision, c => c.SupportNoteAdded(note));

    private Task Relay(string roomId, long accessRevision, Func<IChatClient, Task> send) =>
        HandOn(roomId, room => room.RelayAsync(accessRevision, send));

    private Task HandOn(string roomId, Func<LocalRoom, Task> relay)
    {
        // No room here: nobody on this node listens any more (an unsubscription still on its way).
        if (_find(roomId) is { } room) _ = RelayLoggingAsync(roomId, room, relay);
        return Task.CompletedTask;
    }

    private async Task RelayLoggingAsync(string roomId, LocalRoom room, Func<LocalRoom, Task> relay)
    {
        try
        {
            await relay(room);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Relaying an event of room {RoomId} failed", roomId);
        }
    }
}
