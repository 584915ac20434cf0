namespace OrleansChat.Client;

/// <summary>
/// A change to a stored message; <c>Kind</c> is <c>edited</c> (with <c>Text</c>, <c>Mentions</c>), <c>deleted</c>
/// or <c>reaction</c> (with <c>Emoji</c>, <c>Reacted</c>, <c>Count</c>). It states the result, so applying it twice is harmless.
/// </summary>
public sealed record MessageChange(
    string RoomId,
    long ChangeSeq,
    long Seq,
    string Kind,
    string UserId,
    DateTimeOffset At,
    string? Text = null,
    string? Emoji = null,
    bool? Reacted = null,
    int? Count = null,
    IReadOnlyList<string>? Mentions = null);

/// <summary>A room's changes after a change seq, ascending.</summary>
public sealed record ChangePage(IReadOnlyList<MessageChange> Changes, bool HasMore, long LastChange);
