namespace OrleansChat.Contracts;

/// <summary>
/// A full-text search of the rooms the caller may read: <see cref="Text"/> as typed (see <see cref="SearchTerms"/>),
/// narrowed to one room when <see cref="RoomId"/> is given; <see cref="Before"/> is the <see cref="SearchPage.Next"/>
/// of the page before, for the next one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SearchQuery(string Text, string? RoomId, string? Before, int Limit);

/// <summary>
/// Protocol shape <c>SearchPage</c>: hits newest first; <see cref="Next"/>, when <see cref="HasMore"/>, is the cursor
/// to pass as <c>before</c> for the older ones. <see cref="Epoch"/> is the message log's, as in <see cref="MessagePage"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, bool HasMore, string? Next, long Epoch);

/// <summary>
/// Protocol shape <c>SearchHit</c>: one message that matched, with a <see cref="Snippet"/> of its text around the
/// match. The snippet is plain text; <see cref="Highlights"/> say which parts of it matched.
/// </summary>
[GenerateSerializer, Immutable]
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

/// <summary>A part of a text: <see cref="Length"/> UTF-16 code units from <see cref="Start"/> (a JavaScript string's indexes).</summary>
[GenerateSerializer, Immutable]
public sealed record TextRange(int Start, int Length);
