namespace OrleansChat.Contracts;

/// <summary>Where a support conversation stands: the assistant answers first, then a human when asked.</summary>
public enum SupportStatus { Bot, Waiting, Assigned, Resolved }

/// <summary>One visitor's conversation with a site's team, held in a room of kind <c>support</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record SupportConversation(
    string ConversationId,
    string RoomId,
    string VisitorId,
    string VisitorName,
    SupportStatus Status,
    string? AgentId,
    string? Topic,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusSince);
