namespace OrleansChat.Contracts;

/// <summary>
/// One message of a room's log. <see cref="Seq"/> numbers a room's messages 1, 2, 3, ... with no gaps within the
/// log's <see cref="Epoch"/>: a restore begins a new epoch, whose seqs may repeat ones of the epoch before, so a
/// client holding seqs of another epoch starts over. 0 where a silo from before epochs stored it.
/// <see cref="Attachments"/> are the files the message carries (null when none); its text may then be empty.
/// A message changes after it is sent (<see cref="MessageChange"/>): <see cref="ChangeSeq"/> is the room's number of
/// its latest change (0: never changed), which a client compares to skip changes its copy already holds.
/// <see cref="EditedAt"/> says it was edited; <see cref="DeletedAt"/> that it is a tombstone (no text, no files, no
/// reactions, no quote). <see cref="Reactions"/> counts each emoji in the order first given, with whether the reader
/// gave it (null when none); <see cref="ReplyTo"/> quotes the earlier message it answers. <see cref="Mentions"/> are the
/// members its text names as <c>@userId</c> (null when none), as of its latest edit.
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
    IReadOnlyList<Attachment>? Attachments = null,
    MessageQuote? ReplyTo = null,
    DateTimeOffset? EditedAt = null,
    DateTimeOffset? DeletedAt = null,
    long ChangeSeq = 0,
    IReadOnlyList<Reaction>? Reactions = null,
    IReadOnlyList<string>? Mentions = null);

/// <summary>What a send returns: the stored message, and whether it was stored earlier (a retry).</summary>
[GenerateSerializer, Immutable]
public sealed record SendResult(ChatMessage Message, bool Duplicate);

/// <summary>Protocol shape <c>MessageAck</c>; <see cref="Epoch"/> as in <see cref="ChatMessage"/>.</summary>
public sealed record MessageAck(string RoomId, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate, long Epoch)
{
    public static MessageAck From(SendResult result) => new(
        result.Message.RoomId, result.Message.Seq, result.Message.MessageId, result.Message.SentAt, result.Duplicate, result.Message.Epoch);
}

/// <summary>
/// A message a member sends: its client message id (see <see cref="IRoomGrain.Send"/>), its text, the files it carries
/// (uploaded to the room and not sent yet; together at most <see cref="MaxFileBytes"/>) and the earlier message of
/// the room it answers, if any. With <see cref="MessagesPerMinute"/> given, the room first takes a permit of the
/// sender's cluster-wide message allowance (<see cref="AllowanceKeys.Messages"/>), so that a send makes one call
/// from the web tier instead of two; refused, the send is a <see cref="ChatError.RateLimited"/> and nothing is stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewMessage(
    string ClientMessageId, string Text, IReadOnlyList<string> FileIds, long MaxFileBytes = 0, long? ReplyTo = null, int? MessagesPerMinute = null);

/// <summary>What a change to a message returns: the message as the caller now reads it, and the change (null when it already was so).</summary>
[GenerateSerializer, Immutable]
public sealed record ChangeResult(ChatMessage Message, MessageChange? Change);
