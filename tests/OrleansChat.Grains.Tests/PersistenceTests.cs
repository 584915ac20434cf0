using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests;

// Restarts the silo, so it runs in a cluster of its own rather than the shared one.
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly ChatClusterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Rooms_users_and_messages_survive_deactivation_and_a_silo_restart()
    {
        var alice = ChatClusterFixture.User("alice");
        var bob = ChatClusterFixture.User("bob");
        var room = await _fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob);
        var roomId = room.GetPrimaryKeyString();
        var sent = new List<ChatMessage>();
        for (var i = 1; i <= 12; i++) sent.Add((await room.Send(i % 2 == 0 ? bob : alice, $"c{i}", $"message {i}")).Message);
        await room.MarkRead(bob.UserId, 7);

        await _fixture.Cluster.DeactivateAsync(room);
        await AssertRoomIsIntactAsync();

        await _fixture.Cluster.RestartSiloAsync(_fixture.Cluster.Primary!);
        await _fixture.Cluster.InitializeClientAsync();
        room = _fixture.Grains.GetGrain<IRoomGrain>(roomId);
        await AssertRoomIsIntactAsync();

        var retry = await room.Send(alice, "c1", "message 1");
        Assert.True(retry.Duplicate);
        Assert.Equal(sent[0], retry.Message);
        var next = await room.Send(alice, "c13", "message 13");
        Assert.Equal(13, next.Message.Seq);

        async Task AssertRoomIsIntactAsync()
        {
            var described = await room.Describe(alice.UserId);
            Assert.Equal([alice.UserId, bob.UserId], described.Members!.Select(m => m.UserId).Order());
            Assert.Equal(12, described.LastSeq);
            Assert.Equal(7, described.Members!.Single(m => m.UserId == bob.UserId).ReadSeq);
            var page = await room.GetMessages(alice.UserId, new HistoryQuery(null, 0, 50));
            Assert.Equal(sent, page.Messages);
            Assert.Contains(roomId, await _fixture.Grains.GetGrain<IUserGrain>(bob.UserId).GetRooms());
        }
    }
}
