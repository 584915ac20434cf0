namespace OrleansChat.Client;

/// <summary>A stored message; <c>Kind</c> is <c>text</c>, <c>system</c> or <c>assistant</c>. A deleted one has <c>DeletedAt</c> and empty text.</summary>
public sealed record ChatMessage(
    string RoomId,
    long Seq,
    string MessageId,
    string ClientMessageId,
    string SenderId,
    string SenderName,
    string Kind,
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

/// <summary>The message a reply answers, as it was then.</summary>
public sealed record MessageQuote(long Seq, string SenderId, string SenderName, string Excerpt);

/// <summary>One emoji's count on a message, and whether the reader gave it.</summary>
public sealed record Reaction(string Emoji, int Count, bool Me = false);

/// <summary>The server's acknowledgement of a send: the message is stored under <c>Seq</c>.</summary>
public sealed record MessageAck(string RoomId, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate, long Epoch = 0);

/// <summary>A page of history, ascending by seq.</summary>
public sealed record MessagePage(IReadOnlyList<ChatMessage> Messages, bool HasMore, long LastSeq, long Epoch = 0, long FirstSeq = 1);
