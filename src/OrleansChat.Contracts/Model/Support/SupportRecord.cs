namespace OrleansChat.Contracts;

/// <summary>One status a conversation entered: when, and which agent held it then.</summary>
[GenerateSerializer, Immutable]
public sealed record SupportStatusChange(SupportStatus Status, string? AgentId, DateTimeOffset At);

/// <summary>A page the visitor opened the chat from, and when.</summary>
[GenerateSerializer, Immutable]
public sealed record PageVisit(string Page, DateTimeOffset At);

/// <summary>The visitor's satisfaction after resolution: 1 (poor) to 5 (great), with an optional comment.</summary>
[GenerateSerializer, Immutable]
public sealed record SupportRating(int Score, string? Comment, DateTimeOffset At);

/// <summary>
/// A conversation as the archive keeps it: the conversation, every status it went through, the pages the visitor
/// came from (the newest few) and the visitor's rating once given.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportRecord(
    SupportConversation Conversation,
    IReadOnlyList<SupportStatusChange> History,
    IReadOnlyList<PageVisit> Pages,
    SupportRating? Rating);
