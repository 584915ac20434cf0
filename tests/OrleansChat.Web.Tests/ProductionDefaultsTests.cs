using System.Net;
using System.Net.Http.Json;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests;

/// <summary>
/// A node in the Production environment, embedded storage or not: no development login, no demo site, and no start
/// with the demo's published secret.
/// </summary>
public sealed class ProductionDefaultsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Production = new() { ["environment"] = "Production" };
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 0);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task An_embedded_node_in_production_signs_nobody_in_and_has_no_demo_site_nor_api_reference()
    {
        var node = _system.AddWebNode(Production);
        using var http = node.CreateHttpClient();

        var login = await http.PostAsJsonAsync("/api/auth/token", new { userId = "mallory", role = "admin" });
        using var session = new HttpRequestMessage(HttpMethod.Post, "/api/widget/sessions") { Content = JsonContent.Create(new { siteId = "demo" }) };
        session.Headers.Add("Origin", node.BaseAddress.GetLeftPart(UriPartial.Authority));
        var demo = await http.SendAsync(session);

        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/scalar/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        // Switched on explicitly, it is there (and the log says so loudly).
        using var switchedOn = _system.AddWebNode(new Dictionary<string, string?>(Production) { ["Chat:Auth:DevLogin"] = "true" }).CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await switchedOn.PostAsJsonAsync("/api/auth/token", new { userId = "ann" })).StatusCode);
    }

    [Theory]
    [InlineData("demo-site-secret-change-me", "published secret")]
    [InlineData("short-secret", "at least 32 characters")]
    public void A_node_in_production_refuses_to_start_with_a_known_or_short_site_secret(string secret, string why)
    {
        var refused = Assert.ThrowsAny<Exception>(() => _system.AddWebNode(new Dictionary<string, string?>(Production)
        {
            ["Chat:Sites:shop:AllowedOrigins:0"] = "https://shop.example",
            ["Chat:Sites:shop:Secret"] = secret,
        }));
        Assert.Contains(why, refused.ToString());
    }
}
