namespace OrleansChat.Contracts;

/// <summary>
/// One message of a room's log. <see cref="Seq"/> numbers a room's messages 1, 2, 3, ... with no gaps within the
/// log's <see cref="Epoch"/>: a restore begins a new epoch, whose seqs may repeat ones of the epoch before, so a
/// client holding seqs of another epoch starts over. 0 where a silo from before epochs stored it.
/// <see cref="Attachments"/> are the files the message carries (null when none); its text may then be empty.
/// </summary>
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
    DateTimeOffset SentAt,
    long Epoch = 0,
    IReadOnlyList<Attachment>? Attachments = null);

/// <summary>What a send returns: the stored message, and whether it was stored earlier (a retry).</summary>
[GenerateSerializer, Immutable]
public sealed record SendResult(ChatMessage Message, bool Duplicate);

/// <summary>Protocol shape <c>MessageAck</c>; <see cref="Epoch"/> as in <see cref="ChatMessage"/>.</summary>
public sealed record MessageAck(string RoomId, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate, long Epoch)
{
    public static MessageAck From(SendResult result) => new(
        result.Message.RoomId, result.Message.Seq, result.Message.MessageId, result.Message.SentAt, result.Duplicate, result.Message.Epoch);
}
