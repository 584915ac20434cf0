using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// This node's observer of rooms: a room tells it each event once, and it hands the event to the SignalR
/// group of that room's local connections. It remembers the highest seq it relayed per room, so that a renewal
/// can ask the room for anything pushed while the node was not subscribed (a silo restart loses subscriptions).
/// </summary>
public sealed class RoomEventRelay : IRoomObserver
{
    public const string MeterName = "OrleansChat";

    private readonly IHubContext<ChatHub, IChatClient> _hub;
    private readonly Counter<long> _messagesRelayed;
    private readonly ConcurrentDictionary<string, long> _relayedSeq = new(StringComparer.Ordinal);

    public RoomEventRelay(IHubContext<ChatHub, IChatClient> hub, IMeterFactory meters)
    {
        _hub = hub;
        _messagesRelayed = meters.Create(MeterName).CreateCounter<long>(
            "orleanschat.fanout.messages", description: "Messages this web node received from rooms to fan out to its connections.");
    }

    public static string GroupOf(string roomId) => "room:" + roomId;

    /// <summary>The highest seq relayed for a room since the node started listening to it.</summary>
    public long? RelayedSeq(string roomId) => _relayedSeq.TryGetValue(roomId, out var seq) ? seq : null;

    /// <summary>Starts tracking a room at the seq it had when the node subscribed.</summary>
    public void Track(string roomId, long lastSeq) => Raise(roomId, lastSeq);

    public void Forget(string roomId) => _relayedSeq.TryRemove(roomId, out _);

    public async Task OnMessages(string roomId, IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Count == 0) return;
        // Not a filter: batches may arrive out of order, and clients dedupe by seq.
        Raise(roomId, messages.Max(m => m.Seq));
        _messagesRelayed.Add(messages.Count, new KeyValuePair<string, object?>("room", roomId));
        var group = _hub.Clients.Group(GroupOf(roomId));
        foreach (var message in messages) await group.MessageReceived(message);
    }

    private void Raise(string roomId, long seq) => _relayedSeq.AddOrUpdate(roomId, seq, (_, known) => Math.Max(known, seq));

    public Task OnTyping(TypingChanged typing) => _hub.Clients.Group(GroupOf(typing.RoomId)).TypingChanged(typing);

    public Task OnPresence(string roomId, PresenceChanged presence) => _hub.Clients.Group(GroupOf(roomId)).PresenceChanged(presence);

    public Task OnMemberJoined(MemberJoined joined) => _hub.Clients.Group(GroupOf(joined.RoomId)).MemberJoined(joined);

    public Task OnMemberLeft(MemberLeft left) => _hub.Clients.Group(GroupOf(left.RoomId)).MemberLeft(left);

    public Task OnReadReceipt(ReadReceipt receipt) => _hub.Clients.Group(GroupOf(receipt.RoomId)).ReadReceipt(receipt);

    public Task OnAssistantDelta(AssistantDelta delta) => _hub.Clients.Group(GroupOf(delta.RoomId)).AssistantDelta(delta);

    public Task OnSupportChanged(string roomId, SupportChanged change) => _hub.Clients.Group(GroupOf(roomId)).SupportChanged(change);
}
