using OrleansChat.Contracts;

namespace OrleansChat.Grains.Members;

/// <summary>
/// Rooms and their members as rows: who is in which room, their read cursors, each room's last seq and access
/// revision. Room grains keep it up to date; user grains read it, so that a user's room list and the rooms their
/// presence reaches take one query each, never an activation per room.
/// </summary>
public interface IRoomDirectory
{
    /// <summary>
    /// Stores a new room with its first members, replacing whatever rows a creation under the same id that then
    /// failed left behind: nobody is a member of a room that was not created with them.
    /// </summary>
    Task CreateAsync(RoomRecord room, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a room created before membership rows (its members and access revision were in its state) into rows.
    /// Repeatable: rows already there stay, read cursors and the access revision keep the higher value. When
    /// <paramref name="accessRevision"/> is above the stored one (an older silo removed members after the rows were
    /// made), members absent from <paramref name="members"/> are removed.
    /// </summary>
    Task ImportAsync(RoomRecord room, long accessRevision, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default);

    /// <summary>A room's members and access revision; no members and revision 0 for a room without a row.</summary>
    Task<RoomMembership> ReadAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Adds members; one already there stays as it is.</summary>
    Task AddMembersAsync(string roomId, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default);

    /// <summary>Removes members and raises the room's access revision to <paramref name="accessRevision"/>, in one transaction.</summary>
    Task RemoveMembersAsync(string roomId, IReadOnlyList<string> userIds, long accessRevision, CancellationToken cancellationToken = default);

    /// <summary>Moves a member's read cursor forward to <paramref name="seq"/>; the number of rows changed (0 or 1).</summary>
    Task<int> MarkReadAsync(string roomId, string userId, long seq, CancellationToken cancellationToken = default);

    /// <summary>The rooms a user is in, each with its last seq and the user's unread count.</summary>
    Task<IReadOnlyList<Room>> ListRoomsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The rooms a user is in that web nodes listen to at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> ListObservedRoomsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records until when web nodes listen to a room (the past once none does).</summary>
    Task ObserveAsync(string roomId, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Changes a member's role; the number of rows changed (0 when they are not a member).</summary>
    Task<int> SetRoleAsync(string roomId, string userId, MemberRole role, CancellationToken cancellationToken = default);

    /// <summary>A room's bans, and its mutes that last past <paramref name="now"/>.</summary>
    Task<RoomModeration> ReadModerationAsync(string roomId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Mutes a user until <paramref name="until"/>, replacing their mute if any. Kept apart from membership: leaving does not end it.</summary>
    Task MuteAsync(string roomId, string userId, DateTimeOffset until, CancellationToken cancellationToken = default);

    Task UnmuteAsync(string roomId, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bans a user: stores the ban, removes their member row (if any) and raises the room's access revision to
    /// <paramref name="accessRevision"/>, in one transaction, as <see cref="RemoveMembersAsync"/> does.
    /// </summary>
    Task BanAsync(string roomId, BanRecord ban, long accessRevision, CancellationToken cancellationToken = default);

    Task UnbanAsync(string roomId, string userId, CancellationToken cancellationToken = default);
}

/// <summary>What a room's row says of it: set at creation, never changed.</summary>
public sealed record RoomRecord(string RoomId, string Name, RoomKind Kind, RoomVisibility Visibility, DateTimeOffset CreatedAt);

/// <summary>One member of a room, as stored.</summary>
public sealed record MemberRecord(string UserId, string DisplayName, MemberRole Role, long ReadSeq, DateTimeOffset JoinedAt);

/// <summary>A room's members and the access revision they were read at.</summary>
public sealed record RoomMembership(IReadOnlyList<MemberRecord> Members, long AccessRevision);

/// <summary>A user banned from a room, by whom (a user id) and when.</summary>
public sealed record BanRecord(string UserId, string DisplayName, string BannedBy, DateTimeOffset BannedAt);

/// <summary>A room's bans and its mutes in effect (user id and until when).</summary>
public sealed record RoomModeration(IReadOnlyList<BanRecord> Bans, IReadOnlyDictionary<string, DateTimeOffset> Mutes);
