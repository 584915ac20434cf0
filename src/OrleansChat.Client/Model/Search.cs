namespace OrleansChat.Client;

/// <summary>Search hits, newest first; pass <c>Next</c> as <c>before</c> for the older ones.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, bool HasMore, string? Next, long Epoch);

public sealed record SearchHit(
    string RoomId,
    string RoomName,
    long Seq,
    string MessageId,
    string SenderId,
    string SenderName,
    DateTimeOffset SentAt,
    string Snippet,
    IReadOnlyList<TextRange> Highlights);

/// <summary>A range of a snippet in UTF-16 code units.</summary>
public sealed record TextRange(int Start, int Length);
