namespace OrleansChat.Client;

// Protocol words (kind, visibility, role, status) stay strings: the protocol may add words, and an old client
// must keep reading what it does not know yet.

/// <summary>A room; <c>Kind</c> is <c>group</c>, <c>direct</c> or <c>support</c>, <c>Visibility</c> <c>public</c> or <c>private</c>.</summary>
public sealed record Room(
    string RoomId,
    string Name,
    string Kind,
    string Visibility,
    DateTimeOffset CreatedAt,
    long LastSeq,
    IReadOnlyList<Member>? Members = null,
    long? UnreadCount = null,
    long? MentionCount = null);

/// <summary>A room's member; <c>Role</c> is <c>owner</c>, <c>moderator</c> or <c>member</c>, <c>Status</c> <c>online</c>, <c>away</c> or <c>offline</c>.</summary>
public sealed record Member(string UserId, string DisplayName, string Role, string Status, long ReadSeq, DateTimeOffset? MutedUntil = null);

/// <summary>
/// What <c>JoinRoom</c> answers: the room, its members and the messages after the seq asked for (or the latest page).
/// In a room of more members than the server pushes joins for, <c>Members</c> holds only you, and <c>MemberCount</c>
/// says how many there are (read them over REST).
/// </summary>
public sealed record RoomSnapshot(
    Room Room,
    IReadOnlyList<Member> Members,
    IReadOnlyList<ChatMessage> Messages,
    long LastSeq,
    long ReadSeq,
    bool HasMore,
    long Epoch = 0,
    long FirstSeq = 1,
    long LastChange = 0,
    IReadOnlyList<MessageChange>? Changes = null,
    int? MemberCount = null);

/// <summary>A user's presence, from <c>GET /api/users/{userId}/presence</c>.</summary>
public sealed record Presence(string UserId, string Status, DateTimeOffset? LastSeenAt);
