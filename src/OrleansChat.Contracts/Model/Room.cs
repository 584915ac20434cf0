namespace OrleansChat.Contracts;

/// <summary>Protocol shape <c>Room</c>. <see cref="UnreadCount"/> is set where the caller is a member.</summary>
[GenerateSerializer, Immutable]
public sealed record Room(
    string RoomId,
    string Name,
    RoomKind Kind,
    RoomVisibility Visibility,
    DateTimeOffset CreatedAt,
    long LastSeq,
    IReadOnlyList<Member>? Members = null,
    long? UnreadCount = null);

/// <summary>Protocol shape <c>Member</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record Member(string UserId, string DisplayName, MemberRole Role, PresenceStatus Status, long ReadSeq);

/// <summary>
/// Protocol shape <c>RoomSnapshot</c>: what joining a room returns. Its seqs belong to <see cref="Epoch"/> (see
/// <see cref="ChatMessage.Epoch"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomSnapshot(
    Room Room,
    IReadOnlyList<Member> Members,
    IReadOnlyList<ChatMessage> Messages,
    long LastSeq,
    long ReadSeq,
    bool HasMore,
    long Epoch = 0);

/// <summary>Protocol shape <c>MessagePage</c>: messages in ascending seq, of the log's <see cref="Epoch"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record MessagePage(IReadOnlyList<ChatMessage> Messages, bool HasMore, long LastSeq, long Epoch = 0);

/// <summary>Which page of a room's history to read: after a seq (gap fill), before a seq (scroll back), or the latest.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryQuery(long? Before, long? After, int Limit);

/// <summary>What creating a group room needs.</summary>
[GenerateSerializer, Immutable]
public sealed record NewRoom(string Name, RoomVisibility Visibility);
