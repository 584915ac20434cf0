namespace OrleansChat.Contracts;

// The payloads of the hub's server-to-client events; grains send them to web nodes, which fan them out.

[GenerateSerializer, Immutable]
public sealed record TypingChanged(string RoomId, string UserId, string DisplayName, bool IsTyping);

[GenerateSerializer, Immutable]
public sealed record PresenceChanged(string UserId, PresenceStatus Status, DateTimeOffset? LastSeenAt);

[GenerateSerializer, Immutable]
public sealed record MemberJoined(string RoomId, Member Member);

[GenerateSerializer, Immutable]
public sealed record MemberLeft(string RoomId, string UserId);

/// <summary>
/// To the connections of a user who is out of a room (left it, here or elsewhere, or was removed): a client that
/// follows the room stops, instead of joining it again at its next reconnect. Web nodes make it; no grain sends it.
/// </summary>
public sealed record RoomLeft(string RoomId);

/// <summary>A member's role or mute changed (moderation); the member as they are now.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberChanged(string RoomId, Member Member);

[GenerateSerializer, Immutable]
public sealed record ReadReceipt(string RoomId, string UserId, long Seq);

/// <summary>
/// A piece of an assistant's answer as it is written; the stored message follows when it is done, with the client
/// message id <c>assistant:{StreamId}</c>. <c>Index</c> numbers the pieces of one answer from 0 (absent from web
/// nodes of earlier releases).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssistantDelta(string RoomId, string StreamId, string Text, int? Index = null)
{
    public const string StoredMessagePrefix = "assistant:";
}

/// <summary>
/// A support conversation changed: told to the site's agents and in the conversation's room. While it waits,
/// <c>Position</c> is its place in line (1: next), told again whenever that place moves. Events can overtake each
/// other: of two about one conversation, the one with the higher <c>Revision</c> is the newer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportChanged(string ConversationId, string RoomId, SupportStatus Status, string? AgentId, int? Position, long Revision);

/// <summary>
/// A message of <see cref="RoomId"/> names the user (<c>@userId</c>): told to all of the user's connections, whichever
/// rooms they joined. <see cref="Excerpt"/> is the start of the message's text.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Mentioned(string RoomId, string RoomName, long Seq, string SenderId, string SenderName, string Excerpt, DateTimeOffset SentAt);
