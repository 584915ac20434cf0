using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>
/// <c>POST /api/widget/sessions</c> for configured sites: origins, identity verification, the visitor's support
/// room, and visitor tokens that only work from their site's pages.
/// </summary>
public sealed class WidgetSessionTests : IAsyncLifetime
{
    private const string Secret = "test-site-secret";
    private const string ShopOrigin = "https://shop.example";
    private const string OtherSiteOrigin = "https://other.example";
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Sites:shop:Secret"] = Secret,
        ["Chat:Sites:legacy:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Sites:legacy:Secret"] = Secret,
        ["Chat:Sites:legacy:AcceptUnboundUserHash"] = "true",
        ["Chat:Sites:trusting:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Sites:other:AllowedOrigins:0"] = OtherSiteOrigin,
        ["Chat:Sites:trusting:RequireIdentityVerification"] = "false",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_visitor_gets_a_token_and_a_support_room_and_resumes_both_with_their_visitor_id()
    {
        var first = await OpenAsync(new { siteId = "shop", displayName = "Vera" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var session = await first.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        var visitorId = session.GetProperty("visitorId").GetString()!;
        var roomId = session.GetProperty("roomId").GetString()!;
        Assert.Matches("^v-[0-9a-f]{32}$", visitorId);
        Assert.Equal($"support:shop:{visitorId}", roomId);
        Assert.Equal("visitor", session.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("Vera", session.GetProperty("user").GetProperty("displayName").GetString());

        var again = await (await OpenAsync(new { siteId = "shop", visitorId })).Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.Equal(visitorId, again.GetProperty("visitorId").GetString());
        Assert.Equal(roomId, again.GetProperty("roomId").GetString());

        // An id this endpoint never issued starts a new conversation instead of reaching someone else's.
        var forged = await (await OpenAsync(new { siteId = "shop", visitorId = "alice" })).Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.NotEqual("alice", forged.GetProperty("visitorId").GetString());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://shop.example")]
    [InlineData(null)]
    public async Task Pages_of_other_origins_are_refused_with_403_problem_details(string? origin)
    {
        var response = await OpenAsync(new { siteId = "shop" }, origin);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_sites_are_404_and_bad_input_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(new { siteId = "nowhere" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await OpenAsync(new { siteId = "shop", userId = "no spaces" })).StatusCode);
    }

    [Fact]
    public async Task A_claimed_user_id_needs_the_sites_signature_bound_to_that_site_and_a_time()
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        // Verification is on by default: a bare claim is refused, and so is every proof that is not this one.
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42" });
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = Proof("shop", "u43", expires), userHashExpires = expires });
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = Proof("legacy", "u42", expires), userHashExpires = expires });
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = Proof("shop", "u42", expires), userHashExpires = expires + 1 });
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var expired = await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = Proof("shop", "u42", past), userHashExpires = past });
        Assert.Contains("expired", expired);
        var tooFar = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = Proof("shop", "u42", tooFar), userHashExpires = tooFar });
        // Version 1's hash of the user id alone, only where the site still accepts it.
        await AssertRefusedAsync(new { siteId = "shop", userId = "u42", userHash = UnboundHash("u42") });
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(new { siteId = "legacy", userId = "u42", userHash = UnboundHash("u42") })).StatusCode);

        var response = await OpenAsync(new { siteId = "shop", userId = "u42", userHash = Proof("shop", "u42", expires), userHashExpires = expires });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        Assert.Equal("u-u42", session.GetProperty("visitorId").GetString());

        // Anonymous visitors are still welcome on such a site, and a site may choose not to verify.
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(new { siteId = "shop" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(new { siteId = "trusting", userId = "u42" })).StatusCode);
    }

    private async Task<string> AssertRefusedAsync(object body)
    {
        var response = await OpenAsync(body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task A_visitor_token_works_from_its_site_and_not_from_other_origins()
    {
        var session = await (await OpenAsync(new { siteId = "shop" })).Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        var token = session.GetProperty("accessToken").GetString()!;
        var roomId = session.GetProperty("roomId").GetString()!;

        await using var fromShop = Connect(token, ShopOrigin);
        await fromShop.StartAsync();
        var snapshot = await fromShop.InvokeAsync<RoomSnapshot>("JoinRoom", roomId, null);
        Assert.Equal(RoomKind.Support, snapshot.Room.Kind);

        // Another site's page may connect, but not with this site's visitor token.
        await using var fromOtherSite = Connect(token, OtherSiteOrigin);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => fromOtherSite.StartAsync());
        Assert.Contains("401", refused.Message);

        // A page nobody allowed may not connect at all, whatever it brings (cross-site WebSocket hijacking).
        await using var fromElsewhere = Connect(token, "https://evil.example");
        var hijack = await Assert.ThrowsAnyAsync<Exception>(() => fromElsewhere.StartAsync());
        Assert.Contains("403", hijack.Message);
    }

    [Fact]
    public async Task Agents_may_join_a_visitors_support_room_and_other_members_may_not()
    {
        var session = await (await OpenAsync(new { siteId = "shop" })).Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
        var roomId = session.GetProperty("roomId").GetString()!;

        await using var member = await _system.SignInAsync("Mallory");
        var memberLive = await member.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => memberLive.JoinRoomAsync(roomId));
        Assert.StartsWith("forbidden:", HubErrors.Of(refused));

        await using var agent = await ChatTestClient.SignInAsync(_system.Web, "agent-amy", "Amy", role: "agent");
        var agentLive = await agent.ConnectAsync();
        var snapshot = await agentLive.JoinRoomAsync(roomId);
        Assert.Contains(snapshot.Members, m => m.UserId == "agent-amy");
        Assert.Contains(snapshot.Members, m => m.UserId == session.GetProperty("user").GetProperty("userId").GetString());
    }

    private async Task<HttpResponseMessage> OpenAsync(object body, string? origin = ShopOrigin)
    {
        using var http = _system.Web.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/sessions") { Content = JsonContent.Create(body) };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private HubConnection Connect(string token, string origin) => new HubConnectionBuilder()
        .WithUrl(new Uri(_system.Web.BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            options.SkipNegotiation = true;
            options.Headers["Origin"] = origin;
        })
        .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions))
        .Build();

    /// <summary>The site server's side of the README's recipe.</summary>
    private static string Proof(string siteId, string userId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{siteId}\n{userId}\n{expires}")));

    private static string UnboundHash(string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(userId)));
}
