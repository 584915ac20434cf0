using Microsoft.Data.Sqlite;
using OrleansChat.Contracts;
using OrleansChat.Testing;

namespace OrleansChat.Grains.Tests.Support;

// Restarts the silo, so it runs in a cluster of its own rather than the shared one.
public sealed class SupportBotRestartTests
{
    [Fact]
    public async Task An_answer_the_bot_owed_when_the_silo_went_down_is_given_once_the_desk_is_back()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Down = true;
        var fixture = ChatClusterFixture.With(new Dictionary<string, string>
        {
            ["Chat:Ai:Provider"] = "OpenAI",
            ["Chat:Ai:Endpoint"] = model.Endpoint.ToString(),
            ["Chat:Ai:Model"] = "fake-model",
        });
        await fixture.InitializeAsync();
        try
        {
            var id = Guid.NewGuid().ToString("N");
            var visitor = new ChatUser($"{ChatUser.VisitorIdPrefix}demo:{id}", "Visitor", UserRole.Visitor, "demo");
            var room = fixture.Grains.GetGrain<IRoomGrain>($"support:demo:{id}");
            await room.EnsureSupport(visitor, "demo");
            // The help pages cover it, so the desk awaits the bot's answer, which does not come before the silo goes.
            await room.Send(visitor, "c-1", "How long does shipping take?");
            await Task.Delay(TimeSpan.FromSeconds(2));
            model.Down = false;

            await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
            // The desk activating (here for an agent's console reading the queue) asks the bot again for the answer it owes.
            await fixture.Grains.GetGrain<ISupportDeskGrain>("demo").GetQueue(new ChatUser("agent-ada", "Ada", UserRole.Agent, "demo"));

            room = fixture.Grains.GetGrain<IRoomGrain>(room.GetPrimaryKeyString());
            ChatMessage? answer = null;
            for (var attempt = 0; attempt < 200 && answer is null; attempt++)
            {
                await Task.Delay(50);
                answer = (await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 10))).Messages.SingleOrDefault(m => m.Kind == MessageKind.Assistant);
            }
            Assert.Equal(model.Answer, answer?.Text);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_message_stored_by_a_silo_that_died_before_telling_the_desk_is_answered_when_the_room_is_back()
    {
        var fixture = ChatClusterFixture.With(new Dictionary<string, string>());
        await fixture.InitializeAsync();
        try
        {
            var id = Guid.NewGuid().ToString("N");
            var visitor = new ChatUser($"{ChatUser.VisitorIdPrefix}demo:{id}", "Visitor", UserRole.Visitor, "demo");
            var roomId = $"support:demo:{id}";
            await fixture.Grains.GetGrain<IRoomGrain>(roomId).EnsureSupport(visitor, "demo");
            await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Primary!);
            // What the log holds when the room's silo died right after the append, before the room told its desk.
            await using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}"))
            {
                await connection.OpenAsync();
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO messages (room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms) " +
                                     "VALUES (@room, 1, @id, 'c-1', @visitor, 'Visitor', 'text', 'How long does shipping take?', @at)";
                insert.Parameters.AddWithValue("@room", roomId);
                insert.Parameters.AddWithValue("@id", Guid.NewGuid().ToString("N"));
                insert.Parameters.AddWithValue("@visitor", visitor.UserId);
                insert.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            // The visitor's widget coming back activates the room, which tells its desk again of what it stored lately.
            var room = fixture.Grains.GetGrain<IRoomGrain>(roomId);
            ChatMessage? answer = null;
            for (var attempt = 0; attempt < 200 && answer is null; attempt++)
            {
                answer = (await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 10))).Messages.SingleOrDefault(m => m.Kind == MessageKind.Assistant);
                await Task.Delay(50);
            }
            Assert.Contains("Shipping times and costs", answer?.Text);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
