using Orleans.Runtime;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// What a user's rooms cost the database, counted: listing them and telling them of a presence change take a few
/// queries whatever the number of rooms (each room activated for it took its state, the last seq and a window of
/// messages: some 900 queries for 300 rooms), and a read receipt writes one row whatever the room's size.
/// </summary>
/// <remarks>A cluster of its own: its database sees only these tests' commands.</remarks>
public sealed class RoomListCostTests(ChatClusterFixture fixture) : IClassFixture<ChatClusterFixture>
{
    private const int RoomCount = 300;

    [Fact]
    public async Task A_user_in_300_rooms_lists_them_with_unread_counts_and_changes_presence_in_a_bounded_number_of_queries()
    {
        var ada = User("ada");
        var rooms = await Task.WhenAll(Enumerable.Range(0, RoomCount).Select(_ => fixture.CreateRoomAsync(ada, RoomVisibility.Private)));
        for (var i = 1; i <= 3; i++) await rooms[0].Send(ada, $"c{i}", $"message {i}");
        await rooms[0].MarkRead(ada.UserId, 1);
        await rooms[1].Send(ada, "c1", "one message");
        // Nothing in memory: every room (and the user) would have to be activated to be asked.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using var counter = new DatabaseCommandCounter(fixture.DatabasePath);

        IReadOnlyList<Room> listed = [];
        var listing = await counter.CountAsync(async () => listed = await fixture.Grains.GetGrain<IUserGrain>(ada.UserId).ListRooms());

        Assert.Equal(RoomCount, listed.Count);
        var unread = listed.ToDictionary(r => r.RoomId, r => r.UnreadCount);
        Assert.Equal((2L, 1L, 0L), (unread[rooms[0].GetPrimaryKeyString()], unread[rooms[1].GetPrimaryKeyString()], unread[rooms[2].GetPrimaryKeyString()]));
        // The user's state, and the one list query.
        Assert.InRange(listing, 1, 2);

        // A web node listens to one of the rooms: that one hears of Ada's presence; the other 299 are not woken.
        var node = new RecordingObserver();
        await rooms[7].Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(node), afterSeq: null, afterChange: null);
        var connecting = await counter.CountAsync(() => fixture.Grains.GetGrain<IUserGrain>(ada.UserId).Connect(ada, "node-a", "c-1", version: 1));

        var (roomId, presence) = await node.NextPresenceAsync();
        Assert.Equal((rooms[7].GetPrimaryKeyString(), ada.UserId, PresenceStatus.Online), (roomId, presence.UserId, presence.Status));
        // The profile's first write, and the one query for the rooms listened to.
        Assert.InRange(connecting, 1, 2);
    }

    [Fact]
    public async Task A_read_receipt_writes_one_row_in_a_room_of_10_members_as_in_one_of_2000()
    {
        var small = await CreateRoomWithMembersAsync(10);
        var large = await CreateRoomWithMembersAsync(2_000);
        using var counter = new DatabaseCommandCounter(fixture.DatabasePath);

        var inSmall = await counter.CountAsync(() => small.Room.MarkRead(small.Reader.UserId, 1));
        var inLarge = await counter.CountAsync(() => large.Room.MarkRead(large.Reader.UserId, 1));

        Assert.Equal((1L, 1L), (inSmall, inLarge));
        Assert.Equal(1, (await large.Room.Describe(large.Reader.UserId)).Members!.Single(m => m.UserId == large.Reader.UserId).ReadSeq);
    }

    private async Task<(IRoomGrain Room, ChatUser Reader)> CreateRoomWithMembersAsync(int members)
    {
        var owner = User("owner");
        var room = await fixture.CreateRoomAsync(owner, RoomVisibility.Private);
        var others = Enumerable.Range(1, members - 1).Select(i => User($"m{i}")).ToArray();
        foreach (var chunk in others.Chunk(100)) await Task.WhenAll(chunk.Select(member => room.AddMember(owner, member)));
        await room.Send(owner, "c1", "hello");
        return (room, others[0]);
    }
}
