namespace OrleansChat.Contracts;

/// <summary>One message of a room's log. <see cref="Seq"/> numbers a room's messages 1, 2, 3, ... with no gaps.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatMessage(
    string RoomId,
    long Seq,
    string MessageId,
    string ClientMessageId,
    string SenderId,
    string SenderName,
    MessageKind Kind,
    string Text,
    DateTimeOffset SentAt);

/// <summary>What a send returns: the stored message, and whether it was stored earlier (a retry).</summary>
[GenerateSerializer, Immutable]
public sealed record SendResult(ChatMessage Message, bool Duplicate);

/// <summary>Protocol shape <c>MessageAck</c>.</summary>
public sealed record MessageAck(string RoomId, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate)
{
    public static MessageAck From(SendResult result) => new(
        result.Message.RoomId, result.Message.Seq, result.Message.MessageId, result.Message.SentAt, result.Duplicate);
}
