using OrleansChat.Contracts;
using OrleansChat.Grains.Members;
using OrleansChat.Storage.Sql.Rooms;

namespace OrleansChat.Storage.Tests.Rooms;

/// <summary>Moderation's rows on every engine: roles, mutes (kept apart from membership) and bans (stored with the removal).</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class ModerationRowsTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_ban_removes_the_member_and_raises_the_access_revision_in_one_write_and_an_unban_lifts_it(string engine)
    {
        var directory = new SqlRoomDirectory(await engines.CreateMigratedAsync(engine));
        await directory.CreateAsync(Room("r"), [Member("ada", MemberRole.Owner), Member("bob", MemberRole.Member)]);

        await directory.BanAsync("r", new BanRecord("bob", "Bob", "ada", Now), accessRevision: 42);
        var banned = await directory.ReadAsync("r");
        var moderation = await directory.ReadModerationAsync("r", Now);
        await directory.UnbanAsync("r", "bob");

        Assert.Equal(["ada"], banned.Members.Select(m => m.UserId));
        Assert.Equal(42, banned.AccessRevision);
        Assert.Equal([new BanRecord("bob", "Bob", "ada", Now)], moderation.Bans);
        Assert.Empty((await directory.ReadModerationAsync("r", Now)).Bans);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Mutes_are_replaced_read_while_they_last_and_outlive_membership(string engine)
    {
        var directory = new SqlRoomDirectory(await engines.CreateMigratedAsync(engine));
        await directory.CreateAsync(Room("r"), [Member("ada", MemberRole.Owner), Member("bob", MemberRole.Member), Member("cy", MemberRole.Member)]);

        await directory.MuteAsync("r", "bob", Now.AddMinutes(1));
        await directory.MuteAsync("r", "bob", Now.AddMinutes(10));
        await directory.MuteAsync("r", "cy", Now.AddSeconds(-1));
        await directory.RemoveMembersAsync("r", ["bob"], accessRevision: 7);
        var muted = await directory.ReadModerationAsync("r", Now);
        await directory.UnmuteAsync("r", "bob");

        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["bob"] = Now.AddMinutes(10) }, muted.Mutes);
        Assert.Empty((await directory.ReadModerationAsync("r", Now)).Mutes);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_role_changes_on_its_row_only(string engine)
    {
        var directory = new SqlRoomDirectory(await engines.CreateMigratedAsync(engine));
        await directory.CreateAsync(Room("r"), [Member("ada", MemberRole.Owner), Member("bob", MemberRole.Member)]);

        var changed = await directory.SetRoleAsync("r", "bob", MemberRole.Moderator);
        var nobody = await directory.SetRoleAsync("r", "zed", MemberRole.Moderator);

        Assert.Equal((1, 0), (changed, nobody));
        Assert.Equal([("ada", MemberRole.Owner), ("bob", MemberRole.Moderator)],
            (await directory.ReadAsync("r")).Members.OrderBy(m => m.UserId).Select(m => (m.UserId, m.Role)));
    }

    private static RoomRecord Room(string roomId) => new(roomId, $"Room {roomId}", RoomKind.Group, RoomVisibility.Public, Now);

    private static MemberRecord Member(string userId, MemberRole role) => new(userId, userId, role, 0, Now);
}
