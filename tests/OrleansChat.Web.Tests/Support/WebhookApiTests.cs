using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;
using static OrleansChat.Web.Tests.Support.WebhookSite;

namespace OrleansChat.Web.Tests.Support;

/// <summary>Managing a site's webhooks over REST: only its admins, only addresses a silo may call, every bad input a 4xx that changes nothing.</summary>
public sealed class WebhookApiTests : IAsyncLifetime
{
    private WebhookSite _site = null!;

    public async Task InitializeAsync() => _site = await WebhookSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task An_admin_registers_lists_and_removes_an_endpoint_and_the_secret_is_shown_only_once()
    {
        var (endpointId, secret) = await _site.RegisterReceiverAsync();
        Assert.StartsWith("whsec_", secret);

        var listed = await _site.Admin.GetFromJsonAsync<JsonElement[]>($"/api/support/webhooks?siteId={SiteId}", Json);
        var endpoint = Assert.Single(listed!);
        Assert.Equal((endpointId, _site.Receiver.Url), (endpoint.GetProperty("endpointId").GetString(), endpoint.GetProperty("url").GetString()));
        Assert.DoesNotContain(secret, endpoint.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await _site.Admin.DeleteAsync($"/api/support/webhooks/{endpointId}")).StatusCode);
        Assert.Empty((await _site.Admin.GetFromJsonAsync<JsonElement[]>($"/api/support/webhooks?siteId={SiteId}", Json))!);
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Admin.GetAsync($"/api/support/webhooks/{endpointId}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Agents_visitors_members_and_admins_of_other_sites_may_not_touch_a_sites_webhooks()
    {
        var (endpointId, _) = await _site.RegisterReceiverAsync();
        using var agent = Client(_site.System, await TokenAsync(_site.System, "agent-ada", "agent"));
        using var otherAdmin = Client(_site.System, await TokenAsync(_site.System, "admin-eve", "admin", siteId: "other"));
        using var member = Client(_site.System, (await _site.System.SignInAsync("member")).AccessToken);
        var (visitor, _) = await _site.OpenConversationAsync("Returns");

        foreach (var caller in new[] { agent, otherAdmin, member, visitor })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsJsonAsync("/api/support/webhooks",
                new { siteId = SiteId, url = "https://evil.example/hooks", events = new[] { "message.created" } })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync($"/api/support/webhooks?siteId={SiteId}")).StatusCode);
            // An endpoint is looked up in the caller's own site: another site's admin learns nothing of it.
            var byId = caller == otherAdmin ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden;
            Assert.Equal(byId, (await caller.GetAsync($"/api/support/webhooks/{endpointId}/deliveries")).StatusCode);
            Assert.Equal(byId, (await caller.DeleteAsync($"/api/support/webhooks/{endpointId}")).StatusCode);
        }
        Assert.Single((await _site.Admin.GetFromJsonAsync<JsonElement[]>($"/api/support/webhooks?siteId={SiteId}", Json))!);
    }

    [Fact]
    public async Task Bad_addresses_events_ids_and_pages_are_refused_with_their_field_and_register_nothing()
    {
        var (endpointId, _) = await _site.RegisterReceiverAsync();
        object[] bad =
        [
            new { siteId = SiteId, url = "ftp://files.example/x", events = new[] { "message.created" } },
            new { siteId = SiteId, url = "/relative", events = new[] { "message.created" } },
            new { siteId = SiteId, url = "https://" + new string('a', 2000) + ".example", events = new[] { "message.created" } },
            new { siteId = SiteId, url = "https://user:password@crm.example/hooks", events = new[] { "message.created" } },
            new { siteId = SiteId, url = "https://crm.example/hooks", events = Array.Empty<string>() },
            new { siteId = SiteId, url = "https://crm.example/hooks", events = new[] { "message.deleted" } },
            new { siteId = SiteId, url = "https://crm.example/hooks", events = new[] { "message.created", "message.created" } },
            new { siteId = "a b", url = "https://crm.example/hooks", events = new[] { "message.created" } },
        ];
        foreach (var body in bad)
        {
            var refused = await _site.Admin.PostAsJsonAsync("/api/support/webhooks", body);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode} for {JsonSerializer.Serialize(body)}");
        }
        foreach (var query in new[] { "limit=0", "limit=abc", "before=0", "before=x" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await _site.Admin.GetAsync($"/api/support/webhooks/{endpointId}/deliveries?{query}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Admin.GetAsync("/api/support/webhooks/wh_unknown/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _site.Admin.DeleteAsync("/api/support/webhooks/wh_unknown")).StatusCode);
        Assert.Single((await _site.Admin.GetFromJsonAsync<JsonElement[]>($"/api/support/webhooks?siteId={SiteId}", Json))!);
    }

    [Fact]
    public async Task Outside_development_only_https_to_public_addresses_is_accepted()
    {
        await using var production = await ChatSystem.StartAsync();
        using var admin = Client(production, await TokenAsync(production, "admin-ann", "admin"));
        foreach (var url in new[] { "http://crm.example/hooks", "https://127.0.0.1/hooks", "https://localhost/hooks", "https://10.1.2.3/hooks", "https://[::1]/hooks", "https://169.254.169.254/latest" })
        {
            var refused = await admin.PostAsJsonAsync("/api/support/webhooks", new { siteId = SiteId, url, events = new[] { "message.created" } });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{(int)refused.StatusCode} for {url}");
        }
        var accepted = await admin.PostAsJsonAsync("/api/support/webhooks", new { siteId = SiteId, url = "https://crm.example/hooks", events = new[] { "message.created" } });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }
}
