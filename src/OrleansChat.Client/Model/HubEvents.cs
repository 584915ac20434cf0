namespace OrleansChat.Client;

// The payloads of the hub's server-to-client events.

public sealed record TypingChanged(string RoomId, string UserId, string DisplayName, bool IsTyping);

public sealed record PresenceChanged(string UserId, string Status, DateTimeOffset? LastSeenAt);

public sealed record MemberJoined(string RoomId, Member Member);

public sealed record MemberLeft(string RoomId, string UserId);

/// <summary>The user is out of the room (<see cref="ChatConnection.RoomLeft"/>).</summary>
public sealed record RoomLeft(string RoomId);

/// <summary>A member's role or mute changed: the member as they are now.</summary>
public sealed record MemberChanged(string RoomId, Member Member);

public sealed record ReadReceipt(string RoomId, string UserId, long Seq);

/// <summary>A piece of an assistant's answer, numbered from 0 per stream.</summary>
public sealed record AssistantDelta(string RoomId, string StreamId, string Text, int? Index = null);

public sealed record SupportChanged(string ConversationId, string RoomId, string Status, string? AgentId, int? Position, long Revision);

/// <summary>A new message names the user.</summary>
public sealed record Mentioned(string RoomId, string RoomName, long Seq, string SenderId, string SenderName, string Excerpt, DateTimeOffset SentAt);
