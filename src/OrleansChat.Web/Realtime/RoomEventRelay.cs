using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// This node's observer of rooms: a room tells it each event once, and it hands the event to the SignalR
/// group of that room's local connections.
/// </summary>
public sealed class RoomEventRelay : IRoomObserver
{
    public const string MeterName = "OrleansChat";

    private readonly IHubContext<ChatHub, IChatClient> _hub;
    private readonly Counter<long> _messagesRelayed;

    public RoomEventRelay(IHubContext<ChatHub, IChatClient> hub, IMeterFactory meters)
    {
        _hub = hub;
        _messagesRelayed = meters.Create(MeterName).CreateCounter<long>(
            "orleanschat.fanout.messages", description: "Messages this web node received from rooms to fan out to its connections.");
    }

    public static string GroupOf(string roomId) => "room:" + roomId;

    public async Task OnMessages(string roomId, IReadOnlyList<ChatMessage> messages)
    {
        _messagesRelayed.Add(messages.Count, new KeyValuePair<string, object?>("room", roomId));
        var group = _hub.Clients.Group(GroupOf(roomId));
        foreach (var message in messages) await group.MessageReceived(message);
    }

    public Task OnTyping(TypingChanged typing) => _hub.Clients.Group(GroupOf(typing.RoomId)).TypingChanged(typing);

    public Task OnPresence(string roomId, PresenceChanged presence) => _hub.Clients.Group(GroupOf(roomId)).PresenceChanged(presence);

    public Task OnMemberJoined(MemberJoined joined) => _hub.Clients.Group(GroupOf(joined.RoomId)).MemberJoined(joined);

    public Task OnMemberLeft(MemberLeft left) => _hub.Clients.Group(GroupOf(left.RoomId)).MemberLeft(left);

    public Task OnReadReceipt(ReadReceipt receipt) => _hub.Clients.Group(GroupOf(receipt.RoomId)).ReadReceipt(receipt);
}
