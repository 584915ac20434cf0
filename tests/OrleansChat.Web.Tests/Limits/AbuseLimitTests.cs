using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Limits;

/// <summary>
/// The limits that keep one caller from filling storage or starving others: widget sessions per site and per
/// address, hub connections per address and per user, and room calls per user. Each refusal is a 429 (or
/// <c>rate-limited:</c>) that says when to retry.
/// </summary>
public sealed class AbuseLimitTests
{
    private const string ShopOrigin = "https://shop.example";

    [Fact]
    public async Task Widget_sessions_are_limited_per_site_and_per_address()
    {
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
            ["Chat:Sites:other:AllowedOrigins:0"] = ShopOrigin,
            ["Chat:Limits:SessionsPerSitePerMinute"] = "3",
            ["Chat:Limits:SessionsPerAddressPerMinute"] = "6",
        });
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await OpenSessionAsync(system, "shop")).StatusCode);
        await AssertRateLimitedAsync(await OpenSessionAsync(system, "shop"), "for this site");

        // Another site still has its own allowance, until this address has used up its own.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await OpenSessionAsync(system, "other")).StatusCode);
        await AssertRateLimitedAsync(await OpenSessionAsync(system, "other"), "from this address");
    }

    [Fact]
    public async Task A_user_holds_a_limited_number_of_connections_and_room_calls()
    {
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Limits:ConnectionsPerUser"] = "2",
            ["Chat:Limits:LiveCallsPerMinute"] = "4",
        });
        await using var alice = await system.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("calls");
        var first = await alice.ConnectAsync();
        await alice.ConnectAsync();
        var third = await Assert.ThrowsAnyAsync<Exception>(() => alice.ConnectAsync());
        Assert.Contains("429", third.Message);

        // Closing one makes room for another.
        await first.Hub.StopAsync();
        // The node lets a closed connection go a moment after the client stops it.
        var live = await alice.ConnectWhenAllowedAsync();
        await live.JoinRoomAsync(room.RoomId);
        for (var i = 0; i < 3; i++) await live.Hub.InvokeAsync("SetTyping", room.RoomId, true);
        var refused = await Assert.ThrowsAsync<HubException>(() => live.Hub.InvokeAsync("SetTyping", room.RoomId, true));
        Assert.StartsWith("rate-limited: Too many room calls", HubErrors.Of(refused));
        // Sending has an allowance of its own.
        await live.SendAsync(room.RoomId, "after-typing", "still here");
    }

    [Fact]
    public async Task Connection_attempts_are_limited_per_address()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            await using var user = await system.SignInAsync($"user{i}");
            await user.ConnectAsync();
        }
        await using var late = await system.SignInAsync("late");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => late.ConnectAsync());
        Assert.Contains("429", refused.Message);
    }

    private static async Task<HttpResponseMessage> OpenSessionAsync(ChatSystem system, string siteId)
    {
        using var http = system.Web.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/sessions") { Content = JsonContent.Create(new { siteId }) };
        request.Headers.Add("Origin", ShopOrigin);
        return await http.SendAsync(request);
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, string which)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to retry.");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(which, problem.GetProperty("detail").GetString());
    }
}
