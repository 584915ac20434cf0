using Microsoft.Data.Sqlite;
using OrleansChat.Contracts;
using OrleansChat.Grains.Rooms;
using OrleansChat.Storage.Sql;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// Rooms stored by a release that kept members and read cursors in the room's state (written after the migration
/// that moves them, as an older silo of a rolling upgrade does) lose nobody: their first activation moves them into rows.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class LegacyMembershipTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_room_whose_members_are_in_its_state_keeps_them_with_their_read_cursors_and_removals_stay_removed()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var roomId = $"room-{Guid.NewGuid():N}";
        var joined = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await StoreLegacyRoomAsync(roomId, new RoomState
        {
            Created = true,
            Name = "Before rows",
            Kind = RoomKind.Group,
            Visibility = RoomVisibility.Private,
            CreatedAt = joined,
            AccessRevision = 5,
            Members =
            {
                [alice.UserId] = new MemberState { DisplayName = "Alice", Role = MemberRole.Owner, JoinedAt = joined },
                [bob.UserId] = new MemberState { DisplayName = "Bob", Role = MemberRole.Member, ReadSeq = 1, JoinedAt = joined },
            },
        });
        var room = fixture.Grains.GetGrain<IRoomGrain>(roomId);

        var members = (await room.Describe(alice.UserId)).Members!;
        for (var i = 1; i <= 3; i++) await room.Send(alice, $"c{i}", $"message {i}");

        Assert.Equal([(alice.UserId, MemberRole.Owner, 0L), (bob.UserId, MemberRole.Member, 1L)],
            members.Select(m => (m.UserId, m.Role, m.ReadSeq)).OrderBy(m => m.Role));
        Assert.Equal(2, (await fixture.Grains.GetGrain<IUserGrain>(bob.UserId).ListRooms()).Single(r => r.RoomId == roomId).UnreadCount);
        Assert.True((await room.Join(bob, afterSeq: null)).AccessRevision >= 5);

        // Moved out of the state: a later activation does not bring back a member removed since.
        await room.RemoveMember(alice, bob.UserId);
        await fixture.Cluster.DeactivateAsync(room);
        Assert.Equal([alice.UserId], (await room.Describe(alice.UserId)).Members!.Select(m => m.UserId));
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.Join(bob, afterSeq: null))).Error);
    }

    /// <summary>Writes a room's state row as an older release did, beside the running silo.</summary>
    private async Task StoreLegacyRoomAsync(string roomId, RoomState state)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Default Timeout=30");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at_ms) VALUES ('room', @grain, 1, @payload, 0)";
        insert.Parameters.AddWithValue("@grain", $"room/{roomId}");
        insert.Parameters.AddWithValue("@payload", new ChatStateSerializer().Serialize(state).ToString());
        await insert.ExecuteNonQueryAsync();
    }
}
