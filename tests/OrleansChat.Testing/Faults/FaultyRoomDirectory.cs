using OrleansChat.Contracts;
using OrleansChat.Grains.Members;

namespace OrleansChat.Testing.Faults;

/// <summary>
/// The real room directory, with the membership writes that <see cref="PlannedFaults"/> plans for a room (by
/// <see cref="Key"/>) failing as planned. Reads, and the record of who listens, pass through.
/// </summary>
public sealed class FaultyRoomDirectory(IRoomDirectory inner) : IRoomDirectory
{
    /// <summary>The key to plan a room's membership faults under (apart from its message log's, the room id).</summary>
    public static string Key(string roomId) => $"members:{roomId}";

    public Task CreateAsync(RoomRecord room, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        Apply(room.RoomId, () => inner.CreateAsync(room, members, cancellationToken));

    public Task ImportAsync(RoomRecord room, long accessRevision, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        Apply(room.RoomId, () => inner.ImportAsync(room, accessRevision, members, cancellationToken));

    public Task<RoomMembership> ReadAsync(string roomId, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(roomId, cancellationToken);

    public Task AddMembersAsync(string roomId, IReadOnlyList<MemberRecord> members, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.AddMembersAsync(roomId, members, cancellationToken));

    public Task RemoveMembersAsync(string roomId, IReadOnlyList<string> userIds, long accessRevision, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.RemoveMembersAsync(roomId, userIds, accessRevision, cancellationToken));

    public Task<int> MarkReadAsync(string roomId, string userId, long seq, CancellationToken cancellationToken = default) =>
        PlannedFaults.ApplyAsync(Key(roomId), () => inner.MarkReadAsync(roomId, userId, seq, cancellationToken));

    public Task<IReadOnlyList<Room>> ListRoomsAsync(string userId, CancellationToken cancellationToken = default) =>
        inner.ListRoomsAsync(userId, cancellationToken);

    public Task<IReadOnlyList<string>> ListObservedRoomsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ListObservedRoomsAsync(userId, now, cancellationToken);

    public Task ObserveAsync(string roomId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        inner.ObserveAsync(roomId, until, cancellationToken);

    public Task<int> SetRoleAsync(string roomId, string userId, MemberRole role, CancellationToken cancellationToken = default) =>
        PlannedFaults.ApplyAsync(Key(roomId), () => inner.SetRoleAsync(roomId, userId, role, cancellationToken));

    public Task<RoomModeration> ReadModerationAsync(string roomId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ReadModerationAsync(roomId, now, cancellationToken);

    public Task MuteAsync(string roomId, string userId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.MuteAsync(roomId, userId, until, cancellationToken));

    public Task UnmuteAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.UnmuteAsync(roomId, userId, cancellationToken));

    public Task BanAsync(string roomId, BanRecord ban, long accessRevision, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.BanAsync(roomId, ban, accessRevision, cancellationToken));

    public Task UnbanAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        Apply(roomId, () => inner.UnbanAsync(roomId, userId, cancellationToken));

    private static Task Apply(string roomId, Func<Task> write) =>
        PlannedFaults.ApplyAsync(Key(roomId), async () =>
        {
            await write();
            return true;
        });
}
