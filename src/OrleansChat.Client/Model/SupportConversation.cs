namespace OrleansChat.Client;

/// <summary>A live-support conversation; <c>Status</c> is <c>bot</c>, <c>waiting</c>, <c>assigned</c> or <c>resolved</c>. The higher <c>Revision</c> is the newer.</summary>
public sealed record SupportConversation(
    string ConversationId,
    string RoomId,
    string Status,
    string? AgentId = null,
    int? Position = null,
    long Revision = 0,
    string? VisitorId = null,
    string? VisitorName = null,
    string? Topic = null,
    string? Page = null);
