namespace OrleansChat.Contracts;

/// <summary>
/// Protocol shape <c>Room</c>. <see cref="UnreadCount"/> and <see cref="MentionCount"/> (the unread messages that
/// mention the caller) are set in the caller's room list.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Room(
    string RoomId,
    string Name,
    RoomKind Kind,
    RoomVisibility Visibility,
    DateTimeOffset CreatedAt,
    long LastSeq,
    IReadOnlyList<Member>? Members = null,
    long? UnreadCount = null,
    long? MentionCount = null);

/// <summary>
/// Protocol shape <c>Member</c>. <see cref="MutedUntil"/> is set while a moderator's mute lasts (absent from silos
/// of earlier releases, and once it ended).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Member(string UserId, string DisplayName, MemberRole Role, PresenceStatus Status, long ReadSeq, DateTimeOffset? MutedUntil = null);

/// <summary>
/// Protocol shape <c>RoomSnapshot</c>: what joining a room returns. Its seqs belong to <see cref="Epoch"/> (see
/// <see cref="ChatMessage.Epoch"/>); the room's history begins at <see cref="FirstSeq"/> (see <see cref="MessagePage"/>).
/// Its messages hold every change up to <see cref="LastChange"/>, and <see cref="Changes"/> are the ones after it that
/// reached the connection's web node before the connection listened (apply them; a client that holds older messages
/// asks for the changes after its own cursor). <see cref="MemberCount"/> is how many members the room has: past
/// <c>Chat:Rooms:MemberEventsUpTo</c>, <see cref="Members"/> holds only the one who joined (null from silos of earlier
/// releases, whose list is always whole).
/// </summary>
[GenerateSerializer, Immutable]
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

/// <summary>
/// Protocol shape <c>MessagePage</c>: messages in ascending seq, of the log's <see cref="Epoch"/>. The room's history
/// begins at <see cref="FirstSeq"/>: messages below it were archived (0 from a silo of an earlier release: 1).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MessagePage(IReadOnlyList<ChatMessage> Messages, bool HasMore, long LastSeq, long Epoch = 0, long FirstSeq = 1);

/// <summary>What archiving a room's history did: the room's history now begins at <c>FirstSeq</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ArchiveResult(string RoomId, long FirstSeq, int Archived);

/// <summary>Which page of a room's history to read: after a seq (gap fill), before a seq (scroll back), or the latest.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryQuery(long? Before, long? After, int Limit);

/// <summary>What creating a group room needs.</summary>
[GenerateSerializer, Immutable]
public sealed record NewRoom(string Name, RoomVisibility Visibility);
