using OrleansChat.Contracts;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Storage.Sql.Rooms;
using OrleansChat.Testing;

namespace OrleansChat.Storage.Tests.Rooms;

/// <summary>
/// Rooms and members as rows, on every engine: a user's room list and the rooms their presence reaches are one query
/// each however many rooms they are in, a read receipt touches one row however large the room, and a room's last seq
/// follows its appends.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class RoomDirectoryTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_user_in_300_rooms_lists_them_with_unread_counts_in_one_query(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var (directory, log) = (new SqlRoomDirectory(database), new SqlMessageLog(database));
        for (var i = 0; i < 300; i++) await directory.CreateAsync(Room($"r{i:D3}"), [Member("ada"), Member("bob")]);
        await log.AppendAsync("r000", 0, [Draft("a"), Draft("b"), Draft("c")]);
        await directory.MarkReadAsync("r000", "ada", 1);
        using var counter = await CounterAsync(database);

        IReadOnlyList<Room> rooms = [];
        var queries = await counter.CountAsync(async () => rooms = await directory.ListRoomsAsync("ada"));

        Assert.Equal(1, queries);
        Assert.Equal(300, rooms.Count);
        var first = rooms.Single(r => r.RoomId == "r000");
        Assert.Equal((3L, 2L), (first.LastSeq, first.UnreadCount!.Value));
        Assert.All(rooms.Where(r => r.RoomId != "r000"), r => Assert.Equal((0L, 0L), (r.LastSeq, r.UnreadCount!.Value)));
        Assert.Equal(("Room r000", RoomKind.Group, RoomVisibility.Private, Now), (first.Name, first.Kind, first.Visibility, first.CreatedAt));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task The_rooms_of_a_user_that_web_nodes_listen_to_are_found_in_one_query(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var directory = new SqlRoomDirectory(database);
        for (var i = 0; i < 300; i++) await directory.CreateAsync(Room($"r{i:D3}"), [Member("ada")]);
        await directory.ObserveAsync("r001", Now.AddMinutes(10));
        await directory.ObserveAsync("r002", Now.AddMinutes(-1));
        await directory.CreateAsync(Room("not-adas"), [Member("bob")]);
        await directory.ObserveAsync("not-adas", Now.AddMinutes(10));
        using var counter = await CounterAsync(database);

        IReadOnlyList<string> observed = [];
        var queries = await counter.CountAsync(async () => observed = await directory.ListObservedRoomsAsync("ada", Now));

        Assert.Equal(1, queries);
        Assert.Equal(["r001"], observed);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_read_receipt_changes_one_row_in_one_command_in_a_room_of_10_members_as_in_one_of_2000(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var directory = new SqlRoomDirectory(database);
        await directory.CreateAsync(Room("small"), [.. Enumerable.Range(0, 10).Select(i => Member($"u{i}"))]);
        await directory.CreateAsync(Room("large"), [.. Enumerable.Range(0, 2_000).Select(i => Member($"u{i}"))]);
        using var counter = await CounterAsync(database);

        var (inSmall, inLarge) = (0, 0);
        var smallCommands = await counter.CountAsync(async () => inSmall = await directory.MarkReadAsync("small", "u1", 5));
        var largeCommands = await counter.CountAsync(async () => inLarge = await directory.MarkReadAsync("large", "u1", 5));

        Assert.Equal((1, 1, 1L, 1L), (inSmall, inLarge, smallCommands, largeCommands));
        Assert.Equal(0, await directory.MarkReadAsync("large", "u1", 4));
        var large = await directory.ReadAsync("large");
        Assert.Equal(2_000, large.Members.Count);
        Assert.Equal([5L], large.Members.Where(m => m.UserId == "u1").Select(m => m.ReadSeq));
        Assert.All(large.Members.Where(m => m.UserId != "u1"), m => Assert.Equal(0, m.ReadSeq));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Appends_raise_the_rooms_last_seq_and_retries_leave_it(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var (directory, log) = (new SqlRoomDirectory(database), new SqlMessageLog(database));
        await directory.CreateAsync(Room("room"), [Member("ada")]);

        await log.AppendAsync("room", 0, [Draft("a"), Draft("b")]);
        await log.AppendAsync("room", 2, [Draft("a")]);

        Assert.Equal(2, (await directory.ListRoomsAsync("ada")).Single().LastSeq);
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_creation_replaces_the_members_a_failed_creation_left_and_a_removal_raises_the_access_revision(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var directory = new SqlRoomDirectory(database);
        await directory.CreateAsync(Room("room"), [Member("first"), Member("second")]);

        await directory.CreateAsync(Room("room"), [Member("owner", MemberRole.Owner), Member("bob")]);
        await directory.AddMembersAsync("room", [Member("bob") with { ReadSeq = 9 }, Member("carol")]);
        await directory.RemoveMembersAsync("room", ["carol"], accessRevision: 42);
        await directory.RemoveMembersAsync("room", ["nobody"], accessRevision: 41);

        var room = await directory.ReadAsync("room");
        Assert.Equal([("bob", MemberRole.Member, 0L), ("owner", MemberRole.Owner, 0L)],
            room.Members.Select(m => (m.UserId, m.Role, m.ReadSeq)).OrderBy(m => m.UserId));
        Assert.Equal(42, room.AccessRevision);
        Assert.Empty(await directory.ListRoomsAsync("first"));
        var unknown = await directory.ReadAsync("unknown");
        Assert.Equal((0, 0L), (unknown.Members.Count, unknown.AccessRevision));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task An_older_silos_state_with_a_higher_revision_takes_out_the_members_it_removed_and_one_with_no_higher_revision_takes_out_nobody(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var directory = new SqlRoomDirectory(database);
        // What the migration moved out of the state: ada and bob, at revision 5.
        await directory.ImportAsync(Room("room"), 5, [Member("ada"), Member("bob")]);

        // An older silo, still running in the upgrade, added carol without raising the revision: nobody goes.
        await directory.ImportAsync(Room("room"), 5, [Member("ada"), Member("carol")]);
        Assert.Equal(["ada", "bob", "carol"], (await directory.ReadAsync("room")).Members.Select(m => m.UserId).Order());

        // It then removed bob, which raised the revision: its list is the newer word.
        await directory.ImportAsync(Room("room"), 6, [Member("ada"), Member("carol")]);
        var room = await directory.ReadAsync("room");
        Assert.Equal(("ada carol", 6L), (string.Join(" ", room.Members.Select(m => m.UserId).Order()), room.AccessRevision));
    }

    private static RoomRecord Room(string roomId) => new(roomId, $"Room {roomId}", RoomKind.Group, RoomVisibility.Private, Now);

    private static MemberRecord Member(string userId, MemberRole role = MemberRole.Member) => new(userId, userId.ToUpperInvariant(), role, 0, Now);

    private static MessageDraft Draft(string clientMessageId) =>
        new(Guid.NewGuid().ToString("N"), clientMessageId, "ada", "Ada", MessageKind.Text, $"text of {clientMessageId}", Now);

    /// <summary>Counts the commands sent to this database only.</summary>
    private static async Task<DatabaseCommandCounter> CounterAsync(IChatDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return new DatabaseCommandCounter($"{connection.DataSource}/{connection.Database}");
    }
}
