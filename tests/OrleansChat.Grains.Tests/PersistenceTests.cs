using OrleansChat.Contracts;
using OrleansChat.Testing;

namespace OrleansChat.Grains.Tests;

// Restarts the silo, so each case runs in a cluster of its own rather than the shared one.
public sealed class PersistenceTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Rooms_users_messages_and_support_conversations_survive_deactivation_and_a_silo_restart(string storage)
    {
        await using var postgres = storage == "Postgres" ? await PostgresServer.StartAsync() : null;
        var fixture = postgres is null ? new ChatClusterFixture() : ChatClusterFixture.With(new Dictionary<string, string>
        {
            ["Chat:Storage"] = "Postgres",
            ["ConnectionStrings:chatdb"] = await postgres.CreateDatabaseAsync(),
        });
        await fixture.InitializeAsync();
        try
        {
            await AssertSurvivesAsync(fixture);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task AssertSurvivesAsync(ChatClusterFixture fixture)
    {
        var alice = ChatClusterFixture.User("alice");
        var bob = ChatClusterFixture.User("bob");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob);
        var roomId = room.GetPrimaryKeyString();
        var sent = new List<ChatMessage>();
        for (var i = 1; i <= 12; i++) sent.Add((await room.Send(i % 2 == 0 ? bob : alice, $"c{i}", $"message {i}")).Message);
        await room.MarkRead(bob.UserId, 7);
        var (desk, agent, conversation) = await StartSupportConversationAsync(fixture);

        await fixture.Cluster.DeactivateAsync(room);
        await AssertRoomIsIntactAsync();

        await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
        await fixture.Cluster.InitializeClientAsync();
        room = fixture.Grains.GetGrain<IRoomGrain>(roomId);
        await AssertRoomIsIntactAsync();
        desk = fixture.Grains.GetGrain<ISupportDeskGrain>(desk.GetPrimaryKeyString());
        Assert.Equal([conversation], await desk.GetQueue(agent));

        var retry = await room.Send(alice, "c1", "message 1");
        Assert.True(retry.Duplicate);
        Assert.Equal(sent[0], retry.Message);
        var next = await room.Send(alice, "c13", "message 13");
        Assert.Equal(13, next.Message.Seq);

        static async Task<(ISupportDeskGrain, ChatUser, SupportConversation)> StartSupportConversationAsync(ChatClusterFixture fixture)
        {
            var visitor = new ChatUser("v-visitor", "Visitor", UserRole.Visitor);
            var agent = new ChatUser("agent-ada", "Ada", UserRole.Agent);
            var desk = fixture.Grains.GetGrain<ISupportDeskGrain>("site-persist");
            await fixture.Grains.GetGrain<IRoomGrain>("support-persist").EnsureSupport(visitor, "site-persist");
            var opened = await desk.Open(visitor, "support-persist", "Returns");
            await desk.HandOff(visitor, opened.ConversationId);
            return (desk, agent, await desk.Assign(agent, opened.ConversationId, agentId: null));
        }

        async Task AssertRoomIsIntactAsync()
        {
            var described = await room.Describe(alice.UserId);
            Assert.Equal([alice.UserId, bob.UserId], described.Members!.Select(m => m.UserId).Order());
            Assert.Equal(12, described.LastSeq);
            Assert.Equal(7, described.Members!.Single(m => m.UserId == bob.UserId).ReadSeq);
            var page = await room.GetMessages(alice.UserId, new HistoryQuery(null, 0, 50));
            Assert.Equal(sent, page.Messages);
            Assert.Contains(await fixture.Grains.GetGrain<IUserGrain>(bob.UserId).ListRooms(), r => r.RoomId == roomId && r.UnreadCount == 5);
        }
    }
}
