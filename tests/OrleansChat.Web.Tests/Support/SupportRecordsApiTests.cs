using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>The desk's conversations over REST beyond the queue: archive listing, reopening, labels, profiles, ratings and reports.</summary>
public sealed class SupportRecordsApiTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ShopSite.StartWithoutBotAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Labels_given_to_a_resolved_conversation_stay_when_its_visitor_comes_back_to_the_site()
    {
        using var agent = await AgentAsync("ada");
        var (visitor, id) = await ResolvedConversationAsync(agent, "Returns");
        using var _ = visitor;
        // The widget opens the visitor's conversation on every page they load: the first load here changes nothing.
        Assert.Equal(id, await OpenAsync(visitor, "Returns", page: null));
        await Succeeded(await agent.PostAsJsonAsync($"/api/support/conversations/{id}/labels", new { label = "refund" }));
        Assert.Equal(id, await OpenAsync(visitor, "Returns", "https://shop.example/orders"));

        Assert.Equal([id], await IdsAsync(agent, "label=refund"));
    }

    [Fact]
    public async Task Agents_list_and_search_conversations_by_status_label_text_and_date_a_page_at_a_time()
    {
        using var agent = await AgentAsync("ada");
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (_, returns) = await ResolvedConversationAsync(agent, "Returns of boots");
        var (_, billing) = await ResolvedConversationAsync(agent, "Billing question");
        using var waitingVisitor = await VisitorAsync();
        var waiting = await OpenAsync(waitingVisitor, "Delivery", page: null);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/api/support/conversations/{returns}/labels", new { label = "refund" })).StatusCode);

        Assert.Equal([billing, returns], await IdsAsync(agent, "status=resolved"));
        Assert.Equal([waiting, billing, returns], await IdsAsync(agent, ""));
        Assert.Equal([returns], await IdsAsync(agent, "label=refund"));
        Assert.Equal([returns], await IdsAsync(agent, "q=BOOTS"));
        Assert.Empty(await IdsAsync(agent, "q=100%25"));
        Assert.Empty(await IdsAsync(agent, $"to={Uri.EscapeDataString(started.ToString("O"))}"));
        Assert.Equal(3, (await IdsAsync(agent, $"from={Uri.EscapeDataString(started.ToString("O"))}")).Length);

        var first = await agent.GetFromJsonAsync<JsonElement>("/api/support/conversations?siteId=shop&limit=2", Json);
        var next = first.GetProperty("next").GetString()!;
        var second = await agent.GetFromJsonAsync<JsonElement>($"/api/support/conversations?siteId=shop&limit=2&before={Uri.EscapeDataString(next)}", Json);
        Assert.Equal([waiting, billing], first.GetProperty("conversations").EnumerateArray().Select(IdOf));
        Assert.Equal([returns], second.GetProperty("conversations").EnumerateArray().Select(IdOf));
        Assert.True(IsNull(second, "next"));
        var archived = second.GetProperty("conversations")[0];
        Assert.Equal(["bot", "waiting", "assigned", "resolved"],
            archived.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(["refund"], archived.GetProperty("conversation").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/support/conversations?siteId=shop&before=garbage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await waitingVisitor.GetAsync("/api/support/conversations?siteId=shop")).StatusCode);
        using var stranger = await AgentAsync("mallory", site: "elsewhere");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/support/conversations?siteId=shop")).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/support/conversations?siteId=elsewhere", Json)).GetProperty("conversations").EnumerateArray());
    }

    [Fact]
    public async Task An_agent_reopens_a_resolved_conversation_and_only_its_visitor_rates_it_once_it_is_resolved_and_only_once()
    {
        using var ada = await AgentAsync("ada");
        using var bob = await AgentAsync("bob");
        var (visitor, id) = await ResolvedConversationAsync(ada, "Sizes");
        using var stranger = await AgentAsync("mallory", site: "elsewhere");

        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsync($"/api/support/conversations/{id}/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/support/conversations/{id}/reopen", null)).StatusCode);
        var reopened = await (await bob.PostAsync($"/api/support/conversations/{id}/reopen", null)).Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(("assigned", "agent-bob"), (reopened.GetProperty("status").GetString(), reopened.GetProperty("agentId").GetString()));
        var queue = await bob.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
        Assert.Contains(queue!, c => IdOf(c) == id);

        Assert.Equal(HttpStatusCode.Conflict, (await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 5 })).StatusCode);
        await bob.PostAsync($"/api/support/conversations/{id}/resolve", null);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 1 })).StatusCode);
        using var otherVisitor = await VisitorAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await otherVisitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 1 })).StatusCode);
        var rated = await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 4, comment = "  Kind and quick  " });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/rating", new { score = 5 })).StatusCode);

        var listed = (await bob.GetFromJsonAsync<JsonElement>("/api/support/conversations?siteId=shop&status=resolved", Json))
            .GetProperty("conversations").EnumerateArray().Single();
        Assert.Equal((4, "Kind and quick"), (listed.GetProperty("rating").GetProperty("score").GetInt32(), listed.GetProperty("rating").GetProperty("comment").GetString()));
    }

    [Fact]
    public async Task A_report_gives_the_sites_and_each_agents_conversations_response_and_resolution_times_and_ratings_to_its_agents_only()
    {
        using var ada = await AgentAsync("ada");
        using var bob = await AgentAsync("bob");
        var (first, firstId) = await ResolvedConversationAsync(ada, "One");
        var (_, secondId) = await ResolvedConversationAsync(bob, "Two");
        await first.PostAsJsonAsync($"/api/support/conversations/{firstId}/rating", new { score = 5 });
        using var unanswered = await VisitorAsync();
        await OpenAsync(unanswered, "Three", page: null);

        var report = await ada.GetFromJsonAsync<JsonElement>("/api/support/reports?siteId=shop", Json);

        var site = report.GetProperty("site");
        Assert.Equal(2, site.GetProperty("conversations").GetInt32());
        Assert.True(site.GetProperty("firstResponse").GetProperty("medianSeconds").GetDouble() >= 0);
        Assert.True(site.GetProperty("resolution").GetProperty("p90Seconds").GetDouble() >= site.GetProperty("resolution").GetProperty("medianSeconds").GetDouble());
        Assert.Equal((5.0, 1), (site.GetProperty("ratingAverage").GetDouble(), site.GetProperty("ratings").GetInt32()));
        var agents = report.GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agentId").GetString()!);
        Assert.Equal((1, 1), (agents["agent-ada"].GetProperty("conversations").GetInt32(), agents["agent-ada"].GetProperty("ratings").GetInt32()));
        Assert.Equal((1, true), (agents["agent-bob"].GetProperty("conversations").GetInt32(), IsNull(agents["agent-bob"], "ratingAverage")));
        Assert.Equal(JsonValueKind.Number, agents["agent-bob"].GetProperty("firstResponse").GetProperty("medianSeconds").ValueKind);
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-3).ToString("O"));
        var earlier = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-2).ToString("O"));
        var empty = await ada.GetFromJsonAsync<JsonElement>($"/api/support/reports?siteId=shop&from={past}&to={earlier}", Json);
        Assert.Equal(0, empty.GetProperty("site").GetProperty("conversations").GetInt32());
        Assert.True(IsNull(empty.GetProperty("site").GetProperty("resolution"), "medianSeconds"));

        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/api/support/reports?siteId=shop")).StatusCode);
        using var stranger = await AgentAsync("mallory", site: "elsewhere");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/support/reports?siteId=shop")).StatusCode);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/support/reports?siteId=elsewhere", Json)).GetProperty("site").GetProperty("conversations").GetInt32());
        foreach (var query in new[] { "from=yesterday", $"from={earlier}&to={past}", "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to=1e3", "siteId=" })
        {
            var refused = await ada.GetAsync($"/api/support/reports?siteId=shop&{query}".Replace("siteId=shop&siteId=", "siteId="));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)refused.StatusCode}");
        }
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public async Task The_visitor_profile_shows_the_pages_visited_and_past_conversations_to_the_sites_agents_only()
    {
        using var ada = await AgentAsync("ada");
        var (visitor, pastId) = await ResolvedConversationAsync(ada, "Earlier");
        // The same visitor's conversation is their support room's: writing again reopens it, so the past one is another visitor's room.
        await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", page = "https://shop.example/boots" });
        await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", page = "https://shop.example/cart" });

        var profile = await ada.GetFromJsonAsync<JsonElement>($"/api/support/conversations/{pastId}/profile", Json);

        Assert.Equal("Visitor", profile.GetProperty("visitorName").GetString());
        Assert.True(IsNull(profile, "email"));
        Assert.Equal(["https://shop.example/start", "https://shop.example/boots", "https://shop.example/cart"],
            profile.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("page").GetString()));
        Assert.Empty(profile.GetProperty("pastConversations").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync($"/api/support/conversations/{pastId}/profile")).StatusCode);
        using var stranger = await AgentAsync("mallory", site: "elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/support/conversations/{pastId}/profile")).StatusCode);
    }

    [Fact]
    public async Task Labels_are_added_once_removed_and_refused_to_visitors_and_when_malformed()
    {
        using var ada = await AgentAsync("ada");
        using var visitor = await VisitorAsync();
        var id = await OpenAsync(visitor, "Labels", page: null);
        await Succeeded(await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null));

        await ada.PostAsJsonAsync($"/api/support/conversations/{id}/labels", new { label = "vip" });
        var twice = await (await ada.PostAsJsonAsync($"/api/support/conversations/{id}/labels", new { label = "vip" })).Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(["vip"], twice.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var queued = (await ada.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json))!.Single(c => IdOf(c) == id);
        Assert.Equal(["vip"], queued.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var removed = await (await ada.DeleteAsync($"/api/support/conversations/{id}/labels/vip")).Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Empty(removed.GetProperty("labels").EnumerateArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PostAsJsonAsync($"/api/support/conversations/{id}/labels", new { label = "spam" })).StatusCode);
        foreach (var label in new object?[] { null, "", "two words", "\"quoted\"", new string('l', 41), 5 })
        {
            var refused = await ada.PostAsJsonAsync($"/api/support/conversations/{id}/labels", new { label });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)refused.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ada.PostAsJsonAsync("/api/support/conversations/support:shop:nobody/labels", new { label = "x" })).StatusCode);
        foreach (var query in new[] { "status=closed", "status=1", "label=a%20b", "q=", "from=soon", "limit=0", "limit=1000", $"before={new string('b', 200)}" })
        {
            var refused = await ada.GetAsync($"/api/support/conversations?siteId=shop&{query}");
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)refused.StatusCode}");
        }
    }

    /// <summary>A visitor who asked for a human, wrote, was answered by the agent and resolved.</summary>
    private async Task<(HttpClient Visitor, string Id)> ResolvedConversationAsync(HttpClient agent, string topic)
    {
        var visitor = await VisitorAsync();
        var id = await OpenAsync(visitor, topic, "https://shop.example/start");
        await Succeeded(await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null));
        await Succeeded(await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { }));
        await Succeeded(await visitor.PostAsJsonAsync($"/api/rooms/{id}/messages", new { clientMessageId = "v-1", text = "Hello?" }));
        await Succeeded(await agent.PostAsJsonAsync($"/api/rooms/{id}/messages", new { clientMessageId = "a-1", text = "Hello, how can I help?" }));
        await Succeeded(await agent.PostAsync($"/api/support/conversations/{id}/resolve", null));
        return (visitor, id);
    }

    private static async Task<string> OpenAsync(HttpClient visitor, string topic, string? page)
    {
        var opened = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", topic, page });
        await Succeeded(opened);
        return IdOf(await opened.Content.ReadFromJsonAsync<JsonElement>(Json));
    }

    private static async Task<string[]> IdsAsync(HttpClient agent, string query) =>
        [.. (await agent.GetFromJsonAsync<JsonElement>($"/api/support/conversations?siteId=shop&{query}", Json))
            .GetProperty("conversations").EnumerateArray().Select(IdOf)];

    private static string IdOf(JsonElement conversation) =>
        (conversation.TryGetProperty("conversation", out var inner) ? inner : conversation).GetProperty("conversationId").GetString()!;

    /// <summary>Null members are left out of answers.</summary>
    private static bool IsNull(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static async Task Succeeded(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private async Task<HttpClient> VisitorAsync() =>
        Authorized((await _system.OpenVisitorSessionAsync("shop", ShopSite.Origin)).GetProperty("accessToken").GetString()!);

    private async Task<HttpClient> AgentAsync(string name, string site = "shop")
    {
        using var anonymous = _system.Web.CreateHttpClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = $"agent-{name}", displayName = name, role = "agent", siteId = site });
        return Authorized((await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!);
    }

    private HttpClient Authorized(string token)
    {
        var http = _system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
