using System.Net;
using System.Net.Http.Json;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>A site's canned responses over REST: its agents keep them; nobody else reads or changes them.</summary>
public sealed class CannedResponsesApiTests(SupportSiteFixture site) : IClassFixture<SupportSiteFixture>
{
    private const string Path = "/api/support/canned-responses";

    [Fact]
    public async Task An_agent_creates_lists_updates_and_deletes_canned_responses()
    {
        await using var ada = await site.AgentAsync("ada");
        await using var bob = await site.AgentAsync("bob");

        var created = await ada.PostAsync(Path, new { siteId = "shop", shortcut = "refund-policy", text = "  Refunds take 5 days.  " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refund = (await created.Content.ReadFromJsonAsync<CannedResponse>(Json))!;
        Assert.Equal(("refund-policy", "Refunds take 5 days."), (refund.Shortcut, refund.Text));
        Assert.Equal($"{Path}/{refund.ResponseId}", created.Headers.Location!.OriginalString);
        (await ada.PostAsync(Path, new { siteId = "shop", shortcut = "hello", text = "Hi! How can I help?" })).EnsureSuccessStatusCode();

        // Every agent of the site shares them, by shortcut.
        var listed = await bob.GetAsync<CannedResponse[]>($"{Path}?siteId=shop");
        Assert.Equal(["hello", "refund-policy"], Shortcuts(listed).Where(s => s is "hello" or "refund-policy"));

        var updated = await bob.Http.PutAsJsonAsync($"{Path}/{refund.ResponseId}", new { shortcut = "refunds", text = "Refunds take 3 days." }, Json);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("refunds", "Refunds take 3 days."), await ShortcutAndTextAsync(updated));

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"{Path}/{refund.ResponseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.Http.DeleteAsync($"{Path}/{refund.ResponseId}")).StatusCode);
        var after = Shortcuts(await ada.GetAsync<CannedResponse[]>($"{Path}?siteId=shop"));
        Assert.Contains("hello", after);
        Assert.DoesNotContain("refunds", after);
    }

    [Fact]
    public async Task A_shortcut_is_unique_per_site_and_a_duplicate_is_a_conflict_that_changes_nothing()
    {
        await using var ada = await site.AgentAsync("ada");
        await using var other = await site.AgentAsync("olga", siteId: "elsewhere");
        var first = await CreateAsync(ada, "shipping", "We ship in 2 days.");
        var second = await CreateAsync(ada, "returns", "Returns are free.");

        var duplicate = await ada.PostAsync(Path, new { siteId = "shop", shortcut = "shipping", text = "Another text" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("/shipping", await duplicate.Content.ReadAsStringAsync());
        var renamed = await ada.Http.PutAsJsonAsync($"{Path}/{second.ResponseId}", new { shortcut = "shipping", text = "Returns are free." }, Json);
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);

        var kept = (await ada.GetAsync<CannedResponse[]>($"{Path}?siteId=shop")).Where(r => r.ResponseId == first.ResponseId || r.ResponseId == second.ResponseId);
        Assert.Equal([("returns", "Returns are free."), ("shipping", "We ship in 2 days.")], kept.Select(r => (r.Shortcut, r.Text)));
        // Another site may use the same shortcut for its own text.
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync(Path, new { siteId = "elsewhere", shortcut = "shipping", text = "Ours" })).StatusCode);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("Has Space", "text")]
    [InlineData("UPPER", "text")]
    [InlineData("/slash", "text")]
    [InlineData("-leading-dash", "text")]
    [InlineData("this-shortcut-is-far-longer-than-32", "text")]
    [InlineData("ok", "")]
    [InlineData("ok", "   ")]
    public async Task A_bad_shortcut_or_text_is_refused_with_the_field_named(string shortcut, string text)
    {
        await using var ada = await site.AgentAsync("ada");

        var refused = await ada.PostAsync(Path, new { siteId = "shop", shortcut, text });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(text.Trim().Length == 0 ? "\"text\"" : "\"shortcut\"", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Too_long_a_text_and_an_unknown_response_are_refused()
    {
        await using var ada = await site.AgentAsync("ada");
        var response = await CreateAsync(ada, "long", "short");

        var tooLong = await ada.Http.PutAsJsonAsync($"{Path}/{response.ResponseId}", new { shortcut = "long", text = new string('x', CannedResponse.MaxTextLength + 1) }, Json);
        var unknown = await ada.Http.PutAsJsonAsync($"{Path}/cr-nothing", new { shortcut = "long", text = "x" }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("short", (await ada.GetAsync<CannedResponse[]>($"{Path}?siteId=shop")).Single(r => r.ResponseId == response.ResponseId).Text);
    }

    [Fact]
    public async Task Other_sites_agents_visitors_and_members_can_neither_read_nor_change_a_sites_canned_responses()
    {
        await using var ada = await site.AgentAsync("ada");
        var secret = await CreateAsync(ada, "discount", "Use code STAFF-ONLY-50.");
        await using var stranger = await site.AgentAsync("mallory", siteId: "elsewhere");
        await using var visitor = (await site.VisitorWithConversationAsync()).Visitor;
        await using var member = await site.MemberAsync("mia");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync($"{Path}?siteId=shop")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync(Path, new { siteId = "shop", shortcut = "evil", text = "x" })).StatusCode);
        // Its own site's list does not hold them, and ids of another site's responses do not exist for it.
        Assert.DoesNotContain("discount", Shortcuts(await stranger.GetAsync<CannedResponse[]>($"{Path}?siteId=elsewhere")));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.PutAsJsonAsync($"{Path}/{secret.ResponseId}", new { shortcut = "discount", text = "hacked" }, Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"{Path}/{secret.ResponseId}")).StatusCode);
        foreach (var caller in new[] { visitor, member })
        {
            var read = await caller.Http.GetAsync($"{Path}?siteId=shop");
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.DoesNotContain("STAFF-ONLY", await read.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync(Path, new { siteId = "shop", shortcut = "evil", text = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.Http.PutAsJsonAsync($"{Path}/{secret.ResponseId}", new { shortcut = "discount", text = "hacked" }, Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.Http.DeleteAsync($"{Path}/{secret.ResponseId}")).StatusCode);
        }

        var kept = (await ada.GetAsync<CannedResponse[]>($"{Path}?siteId=shop")).Single(r => r.ResponseId == secret.ResponseId);
        Assert.Equal(("discount", "Use code STAFF-ONLY-50."), (kept.Shortcut, kept.Text));
    }

    private static async Task<CannedResponse> CreateAsync(ChatTestClient agent, string shortcut, string text)
    {
        var created = await agent.PostAsync(Path, new { siteId = "shop", shortcut, text });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<CannedResponse>(Json))!;
    }

    private static async Task<(string, string)> ShortcutAndTextAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<CannedResponse>(Json))!;
        return (body.Shortcut, body.Text);
    }

    private static string[] Shortcuts(IEnumerable<CannedResponse> responses) => [.. responses.Select(r => r.Shortcut)];
}
