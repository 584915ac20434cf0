using System.Net;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Limits;

public sealed class SendRateLimitTests
{
    [Fact]
    public async Task Sends_beyond_the_per_user_limit_are_refused_with_retry_after_and_store_nothing()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Limits:MessagesPerMinute"] = "3" });
        await using var alice = await system.SignInAsync("alice");
        await using var bob = await system.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Busy");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var live = await alice.ConnectAsync();

        for (var i = 1; i <= 3; i++) await live.SendAsync(room.RoomId, $"ok-{i}", $"message {i}");
        var overHub = await Assert.ThrowsAsync<HubException>(() => live.SendAsync(room.RoomId, "over-1", "one too many"));
        var overRest = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "over-2", text = "one too many" });
        var someoneElse = await bob.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "bob-1", text = "my turn" });

        Assert.StartsWith("rate-limited: ", HubErrors.Of(overHub));
        Assert.Equal(HttpStatusCode.TooManyRequests, overRest.StatusCode);
        Assert.True(overRest.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry.");
        Assert.Equal("application/problem+json", overRest.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, someoneElse.StatusCode);
        var page = await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal(["message 1", "message 2", "message 3", "my turn"], page.Messages.Select(m => m.Text));
    }
}
