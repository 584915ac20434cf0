using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Realtime;

/// <summary>The fan-out bridge: rooms tell each web node once, and nodes find their rooms again after a silo restart.</summary>
public sealed class BridgeTests
{
    [Fact]
    public async Task With_two_web_nodes_each_message_reaches_each_node_once_and_each_client_once()
    {
        await using var system = await ChatSystem.StartAsync(webNodes: 2);
        var (nodeA, nodeB) = (system.Nodes[0], system.Nodes[1]);
        using var relayedA = new RelayedMessages(nodeA);
        using var relayedB = new RelayedMessages(nodeB);
        await using var owner = await system.SignInAsync("owner", nodeA);
        var room = await owner.CreateRoomAsync("Two nodes", visibility: "public");
        var clients = new List<ChatTestClient>();
        var listeners = new List<LiveConnection>();
        foreach (var node in new[] { nodeA, nodeA, nodeB, nodeB })
        {
            var client = await system.SignInAsync("member", node);
            clients.Add(client);
            var live = await client.ConnectAsync();
            await live.JoinRoomAsync(room.RoomId);
            listeners.Add(live);
        }

        const int count = 20;
        for (var i = 1; i <= count; i++)
        {
            await listeners[i % listeners.Count].SendAsync(room.RoomId, $"b-{i}", $"message {i}");
        }

        // A last message marks the end: each listener's next one after the twenty must be it, not a second copy.
        await listeners[0].SendAsync(room.RoomId, "b-last", "the end");
        foreach (var live in listeners)
        {
            var received = new List<ChatMessage>();
            for (var i = 0; i <= count; i++) received.Add(await NextAsync(live.Messages));
            Assert.Equal(Enumerable.Range(1, count + 1).Select(i => (long)i), received.Select(m => m.Seq));
        }
        Assert.Equal(count + 1, relayedA.Count);
        Assert.Equal(count + 1, relayedB.Count);
        foreach (var client in clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task After_a_silo_restart_live_delivery_resumes_without_any_client_action()
    {
        var renewPeriod = TimeSpan.FromSeconds(2);
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:RenewPeriod"] = renewPeriod.ToString() });
        await using var alice = await system.SignInAsync("alice");
        await using var bob = await system.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Restart");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var bobLive = await bob.ConnectAsync();
        await bobLive.JoinRoomAsync(room.RoomId);
        await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "before", text = "before the restart" });
        Assert.Equal(1, (await NextAsync(bobLive.Messages)).Seq);

        await system.Silo.RestartAsync();
        // Alice retries her send until the cluster takes it, as the offline outbox does; Bob does nothing.
        var sent = await SendUntilAcceptedAsync(alice, room.RoomId, "after", "after the restart");
        // Bob's node renews its subscriptions every period and then pushes flow again, well within NextAsync's
        // patience; how soon is the benchmark's business, not a timed assertion on a shared machine.
        var live = await NextAsync(bobLive.Messages);

        Assert.Equal((2L, "after the restart"), (sent.Seq, sent.Text));
        Assert.Equal(sent, live);
    }

    [Fact]
    public async Task A_connection_refused_while_the_silo_was_down_never_counts_as_online()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:RenewPeriod"] = "00:00:00.300" });
        await using var witness = await system.SignInAsync("witness");
        await witness.ConnectAsync();
        await using var late = await system.SignInAsync("late");

        await system.Silo.StopAsync();
        await ConnectionRefusedAsync(late);
        await system.Silo.StartAsync();

        // The restarted silo knows nobody until the node's heartbeats: once the witness is online again, and a few
        // rounds later, the refused connection must not have been reported with them.
        while (await StatusAsync(witness, witness.UserId) != "online") await Task.Delay(100);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("offline", await StatusAsync(witness, late.UserId));
    }

    /// <summary>The server closes a connection whose start it could not complete (the handshake may have passed).</summary>
    private static async Task ConnectionRefusedAsync(ChatTestClient client)
    {
        LiveConnection live;
        try
        {
            live = await client.ConnectAsync();
        }
        catch (Exception)
        {
            return;
        }
        for (var waited = 0; live.Hub.State != Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Disconnected; waited++)
        {
            Assert.True(waited < 150, "The server kept a connection it could not start.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> StatusAsync(ChatTestClient client, string userId)
    {
        var response = await client.Http.GetAsync($"/api/users/{userId}/presence");
        if (!response.IsSuccessStatusCode) return "unknown";
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, Json))
            .GetProperty("status").GetString()!;
    }

    private static async Task<ChatMessage> SendUntilAcceptedAsync(ChatTestClient client, string roomId, string clientMessageId, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId, text });
            if (response.IsSuccessStatusCode) return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ChatMessage>(response.Content, Json))!;
            Assert.True(attempt < 60, $"The send was still refused after {attempt} attempts: {response.StatusCode}");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(500);
        }
    }
}
