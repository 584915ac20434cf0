using System.Net;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Limits;

/// <summary>A user's allowances hold for the cluster: two web nodes in front of one silo count one user once.</summary>
public sealed class ClusterWideLimitTests
{
    [Fact]
    public async Task Sends_spread_over_two_web_nodes_are_refused_once_the_users_allowance_is_spent_cluster_wide()
    {
        await using var system = await ChatSystem.StartAsync(webNodes: 2, settings: new() { ["Chat:Limits:MessagesPerMinute"] = "4" });
        var (first, second) = (system.Nodes[0], system.Nodes[1]);
        await using var alice = await system.SignInAsync("alice", first);
        await using var aliceOnSecond = ChatTestClient.WithToken(second, alice.UserId, alice.AccessToken);
        await using var bob = await system.SignInAsync("bob", second);
        var room = await alice.CreateRoomAsync("Spread");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var liveOnFirst = await alice.ConnectAsync(first);
        var liveOnSecond = await alice.ConnectAsync(second);

        await liveOnFirst.SendAsync(room.RoomId, "a-1", "one (first node, hub)");
        await liveOnSecond.SendAsync(room.RoomId, "a-2", "two (second node, hub)");
        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "a-3", text = "three (first node, REST)" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await aliceOnSecond.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "a-4", text = "four (second node, REST)" })).StatusCode);
        var overOnFirst = await Assert.ThrowsAsync<HubException>(() => liveOnFirst.SendAsync(room.RoomId, "a-5", "five"));
        var overOnSecond = await Assert.ThrowsAsync<HubException>(() => liveOnSecond.SendAsync(room.RoomId, "a-6", "six"));
        var overRest = await aliceOnSecond.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "a-7", text = "seven" });
        var bobsTurn = await bob.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "b-1", text = "bob's own allowance" });

        Assert.StartsWith("rate-limited: ", HubErrors.Of(overOnFirst));
        Assert.StartsWith("rate-limited: ", HubErrors.Of(overOnSecond));
        Assert.Equal(HttpStatusCode.TooManyRequests, overRest.StatusCode);
        Assert.True(overRest.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry.");
        Assert.Equal(HttpStatusCode.Created, bobsTurn.StatusCode);
        var page = await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal(["one (first node, hub)", "two (second node, hub)", "three (first node, REST)", "four (second node, REST)", "bob's own allowance"],
            page.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Ai_requests_spread_over_two_web_nodes_are_refused_once_the_users_ai_allowance_is_spent_cluster_wide()
    {
        await using var system = await ChatSystem.StartAsync(webNodes: 2, settings: new() { ["Chat:Ai:RequestsPerMinute"] = "2" });
        await using var alice = await system.SignInAsync("alice", system.Nodes[0]);
        await using var aliceOnSecond = ChatTestClient.WithToken(system.Nodes[1], alice.UserId, alice.AccessToken);
        await using var bob = await system.SignInAsync("bob", system.Nodes[1]);
        var ask = new { messages = new[] { new { role = "user", content = "Is shipping free?" } } };

        var answered = new[] { await alice.PostAsync("/api/ai/chat", ask), await aliceOnSecond.PostAsync("/api/ai/chat", ask) };
        var refused = new[] { await alice.PostAsync("/api/ai/chat", ask), await aliceOnSecond.PostAsync("/api/ai/chat", ask) };
        var bobsTurn = await bob.PostAsync("/api/ai/chat", ask);

        Assert.All(answered, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.All(refused, response =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(HttpStatusCode.OK, bobsTurn.StatusCode);
    }
}
