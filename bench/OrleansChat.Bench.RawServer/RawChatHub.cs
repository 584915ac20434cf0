using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Bench.RawServer;

/// <summary>
/// The methods and event the load uses, with the chat protocol's shapes (camelCase JSON): JoinRoom adds the
/// connection to the room's group; SendMessage acknowledges and broadcasts MessageReceived to that group.
/// </summary>
public sealed class RawChatHub(RoomSequences sequences) : Hub
{
    public sealed record Snapshot(string RoomId, long LastSeq);

    public sealed record Message(string RoomId, long Seq, string MessageId, string ClientMessageId, string SenderId, string Text, DateTimeOffset SentAt);

    public sealed record Ack(string RoomId, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate);

    public async Task<Snapshot> JoinRoom(string roomId, long? afterSeq = null)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(roomId));
        return new Snapshot(roomId, sequences.Last(roomId));
    }

    public async Task<Ack> SendMessage(string roomId, string clientMessageId, string text)
    {
        var message = new Message(roomId, sequences.Next(roomId), Guid.CreateVersion7().ToString("N"), clientMessageId,
            Context.ConnectionId, text, DateTimeOffset.UtcNow);
        await Clients.Group(GroupOf(roomId)).SendAsync("MessageReceived", message);
        return new Ack(roomId, message.Seq, message.MessageId, message.SentAt, Duplicate: false);
    }

    private static string GroupOf(string roomId) => "room:" + roomId;
}
