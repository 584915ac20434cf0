namespace OrleansChat.Contracts;

/// <summary>What happened to a stored message.</summary>
public enum ChangeKind { Edited, Deleted, Reaction }

/// <summary>
/// One change to a stored message, numbered in the room's order of changes: <see cref="ChangeSeq"/> runs 1, 2, 3, ...
/// per room with no gaps, beside the messages' own <c>seq</c>, which a change never touches. Applying a room's
/// changes in that order to the messages one holds gives the room's current messages; each change says the result,
/// not a difference, so applying one twice does no harm.
/// <list type="bullet">
/// <item><c>Edited</c>: <see cref="Text"/> is the message's new text, <see cref="At"/> its <c>editedAt</c>, <see cref="Mentions"/>
/// the members it names now;</item>
/// <item><c>Deleted</c>: the message is a tombstone from <see cref="At"/> on, and quotes of it lose their excerpt;</item>
/// <item><c>Reaction</c>: <see cref="UserId"/> gave (<see cref="Reacted"/>) or took back <see cref="Emoji"/>, which now
/// counts <see cref="Count"/> (0: gone from the message).</item>
/// </list>
/// <see cref="Follows"/> is set only in pushes to connections that take changes coalesced (see <c>CoalescedChanges</c>
/// in the web tier): the change before this one in the push, when the room's changes between them were reactions whose
/// results this change and those after it in the push hold.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageChange(
    string RoomId,
    long ChangeSeq,
    long Seq,
    ChangeKind Kind,
    string UserId,
    DateTimeOffset At,
    string? Text = null,
    string? Emoji = null,
    bool? Reacted = null,
    int? Count = null,
    IReadOnlyList<string>? Mentions = null,
    long? Follows = null);

/// <summary>
/// Protocol shape <c>ChangePage</c>: a room's changes after a change seq, in order. <see cref="LastChange"/> is the
/// room's latest; with <see cref="HasMore"/>, ask again after the last change of this page.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChangePage(IReadOnlyList<MessageChange> Changes, bool HasMore, long LastChange);

/// <summary>One emoji on a message: how many gave it, and whether the reader did.</summary>
[GenerateSerializer, Immutable]
public sealed record Reaction(string Emoji, int Count, bool Me = false);

/// <summary>
/// The earlier message a reply answers, as it was when answered: its sender and the start of its text. The excerpt
/// is empty once that message is deleted (or when it carried files only).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessageQuote(long Seq, string SenderId, string SenderName, string Excerpt)
{
    /// <summary>How much of the answered message a quote keeps.</summary>
    public const int ExcerptLength = 140;

    public static MessageQuote Of(ChatMessage answered) => new(answered.Seq, answered.SenderId, answered.SenderName,
        answered.Text.Length <= ExcerptLength ? answered.Text : answered.Text[..ExcerptLength].TrimEnd() + "…");
}
