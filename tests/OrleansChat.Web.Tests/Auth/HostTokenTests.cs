using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>
/// Host applications' tokens checked by their authorities' published keys (a real OpenID provider's JWKS): RS256
/// found by discovery with a claim map, ES256 from a bare JWKS with our claim names. Accepted tokens carry the
/// mapped user, role and site over REST and the hub; flawed ones are 401.
/// </summary>
public sealed class HostTokenTests(IdentitySystem identity) : IClassFixture<IdentitySystem>
{
    private TestWebNode Web => identity.System.Web;

    [Fact]
    public async Task An_RS256_token_found_by_discovery_is_accepted_with_its_claims_mapped_to_ours()
    {
        var userId = NewId("host-ann");
        var token = await identity.Provider.IssueTokenAsync("RS256", new
        {
            iss = identity.Provider.Issuer,
            aud = IdentitySystem.HostAudience,
            sub = "not-the-user-id",
            uid = userId,
            nickname = "Ann of the host",
            groups = new[] { "staff", "support-team" },
            tenant = "demo",
        });
        await ExpectAgentOfDemoAsync(token, userId, "Ann of the host");
    }

    [Fact]
    public async Task An_ES256_token_checked_by_a_bare_jwks_is_accepted_with_our_claim_names()
    {
        var userId = NewId("partner-bo");
        var token = await identity.Provider.IssueTokenAsync("ES256", new
        {
            iss = IdentitySystem.PartnerIssuer,
            aud = IdentitySystem.PartnerAudience,
            sub = userId,
            name = "Bo of the partner",
            role = "agent",
            site = "demo",
        });
        await ExpectAgentOfDemoAsync(token, userId, "Bo of the partner");
    }

    public static TheoryData<string> Flaws => ["wrong key", "wrong issuer", "wrong audience", "expired", "visitor subject", "visitor subject in capitals", "name holding NUL"];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task A_flawed_token_is_refused_with_401_over_REST_and_the_hub(string flaw)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await identity.Provider.IssueTokenAsync("RS256", new
        {
            iss = flaw == "wrong issuer" ? "https://stranger.example" : identity.Provider.Issuer,
            aud = flaw == "wrong audience" ? "another-app" : IdentitySystem.HostAudience,
            uid = flaw switch
            {
                "visitor subject" => "visitor:demo:v-0123456789abcdef0123456789abcdef",
                "visitor subject in capitals" => "VISITOR:demo:v-0123456789abcdef0123456789abcdef",
                _ => NewId("host-eve"),
            },
            nickname = flaw == "name holding NUL" ? "Eve\0" : "Eve",
            groups = new[] { "support-team" },
            tenant = "demo",
            iat = flaw == "expired" ? now - 7200 : now,
            exp = flaw == "expired" ? now - 600 : now + 600,
        }, foreignKey: flaw == "wrong key");

        using var http = Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/rooms")).StatusCode);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Web.BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.SkipNegotiation = true;
            })
            .Build();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Contains("401", refused.Message);
    }

    /// <summary>
    /// REST knows the caller by the token's user id and name, the hub too, and, the token being an agent's of the
    /// <c>demo</c> site, the hub connection puts them at that desk, and only that one.
    /// </summary>
    private async Task ExpectAgentOfDemoAsync(string token, string userId, string name)
    {
        await using var client = ChatTestClient.WithToken(Web, userId, token);
        var room = await client.CreateRoomAsync("Host users' room");
        var described = await client.GetAsync<Room>($"/api/rooms/{room.RoomId}");
        Assert.Contains(described.Members!, m => m.UserId == userId && m.DisplayName == name);

        var live = await client.ConnectAsync();
        var snapshot = await live.JoinRoomAsync(room.RoomId);
        Assert.Contains(snapshot.Members, m => m.UserId == userId && m.DisplayName == name);
        var agents = await client.GetAsync<SupportAgent[]>("/api/support/agents?siteId=demo");
        Assert.Contains(agents, a => a.AgentId == userId && a.DisplayName == name && a.Available);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/support/queue?siteId=shop")).StatusCode);
    }

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..24];
}
