namespace OrleansChat.Contracts;

/// <summary>
/// Which of a site's conversations to list, newest first: by status, label, words in the visitor's name or the
/// topic, and first contact within [<see cref="From"/>, <see cref="To"/>). <see cref="Before"/> is the cursor an
/// earlier page handed out.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportQuery(
    SupportStatus? Status, string? Label, string? Text, DateTimeOffset? From, DateTimeOffset? To, string? Before, int Limit);

/// <summary>A page of conversations and the cursor for the next one (null when there is none).</summary>
[GenerateSerializer, Immutable]
public sealed record SupportRecordPage(IReadOnlyList<SupportRecord> Conversations, string? Next);
