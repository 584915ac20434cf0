using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>The support desk over REST: a visitor's conversation from bot to a human and resolved.</summary>
public sealed class SupportApiTests : IAsyncLifetime
{
    private const string ShopOrigin = ShopSite.Origin;
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ShopSite.StartSystemAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_visitor_asks_for_a_human_an_agent_takes_the_conversation_and_resolves_it()
    {
        using var visitor = await VisitorAsync();
        using var agent = await AgentAsync("ada");

        var opened = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", topic = "Returns" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var conversation = await opened.Content.ReadFromJsonAsync<JsonElement>(Json);
        var id = conversation.GetProperty("conversationId").GetString()!;
        Assert.Equal("bot", conversation.GetProperty("status").GetString());
        Assert.StartsWith("support:shop:", conversation.GetProperty("roomId").GetString());

        Assert.Equal("waiting", await StatusAsync(await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null)));
        var queue = await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
        Assert.Contains(queue!, c => c.GetProperty("conversationId").GetString() == id && c.GetProperty("status").GetString() == "waiting");
        var assigned = await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });
        Assert.Equal("assigned", await StatusAsync(assigned));
        var room = await agent.GetFromJsonAsync<JsonElement>($"/api/rooms/{id}", Json);
        Assert.Contains(room.GetProperty("members").EnumerateArray(), m => m.GetProperty("userId").GetString() == "agent-ada");

        Assert.Equal("resolved", await StatusAsync(await agent.PostAsync($"/api/support/conversations/{id}/resolve", null)));
    }

    [Fact]
    public async Task Only_visitors_open_conversations_and_only_agents_of_the_site_see_the_queue()
    {
        using var visitor = await VisitorAsync();
        using var agent = await AgentAsync("bob");
        using var member = _system.Web.CreateHttpClient();
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await _system.SignInAsync("member")).AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync("/api/support/queue?siteId=shop")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/support/queue?siteId=other")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/support/queue?siteId=shop")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync("/api/support/conversations/support:shop:nobody/assign", null)).StatusCode);
    }

    [Fact]
    public async Task The_sites_agents_and_the_visitor_see_every_status_change_live()
    {
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        var agentToken = await AgentTokenAsync("cleo");
        using var agent = Authorized(agentToken);
        await using var agentHub = await ConnectAsync(agentToken);
        // Away: the conversation waits until the agent takes it (online, the desk would give it to them at once).
        await agentHub.InvokeAsync("SetStatus", "away");
        await using var visitorHub = await ConnectAsync(visitorToken);
        var atAgent = Collect(agentHub);
        var atVisitor = Collect(visitorHub);
        var id = (await (await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" }))
            .Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!;
        await visitorHub.InvokeAsync<JsonElement>("JoinRoom", id, null);

        await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null);
        await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });

        foreach (var changes in new[] { atAgent, atVisitor })
        {
            // In either order: events may overtake each other, and the revision tells which is newer.
            var first = await NextAsync(changes, c => c.Status is SupportStatus.Waiting or SupportStatus.Assigned);
            var second = await NextAsync(changes, c => c.Status is SupportStatus.Waiting or SupportStatus.Assigned && c.Status != first.Status);
            var (waiting, assigned) = first.Status == SupportStatus.Waiting ? (first, second) : (second, first);
            Assert.Equal((id, id, (string?)null, (int?)1), (waiting.ConversationId, waiting.RoomId, waiting.AgentId, waiting.Position));
            Assert.Equal((id, id, "agent-cleo", (int?)null), (assigned.ConversationId, assigned.RoomId, assigned.AgentId, assigned.Position));
            Assert.True(assigned.Revision > waiting.Revision, "the later change has the higher revision");
        }
        var reserved = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => visitorHub.InvokeAsync<JsonElement>("JoinRoom", "desk:shop", null));
        Assert.StartsWith("invalid: ", HubErrors.Of(reserved));
    }

    [Fact]
    public async Task An_online_agent_is_given_waiting_conversations_and_an_away_one_is_not()
    {
        using var visitor = await VisitorAsync();
        var agentToken = await AgentTokenAsync("dora");
        await using var agentHub = await ConnectAsync(agentToken);
        await agentHub.InvokeAsync("SetStatus", "away");
        var first = await OpenAndHandOffAsync(visitor);
        Assert.Equal("waiting", first.GetProperty("status").GetString());

        await agentHub.InvokeAsync("SetStatus", "online");

        using var agent = Authorized(agentToken);
        var queue = await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
        var taken = queue!.Single(c => c.GetProperty("conversationId").GetString() == first.GetProperty("conversationId").GetString());
        Assert.Equal(("assigned", "agent-dora"), (taken.GetProperty("status").GetString(), taken.GetProperty("agentId").GetString()));
    }

    [Fact]
    public async Task While_with_the_bot_a_visitors_question_gets_an_answer_and_one_it_cannot_answer_goes_to_a_human()
    {
        using var visitor = await VisitorAsync();
        var id = (await (await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" }))
            .Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!;

        await visitor.PostAsJsonAsync($"/api/rooms/{id}/messages", new { clientMessageId = "q-1", text = "How long do I have to return a jacket?" });
        var answer = await EventuallyAsync(async () => (await visitor.GetFromJsonAsync<MessagePage>($"/api/rooms/{id}/messages", Json))!
            .Messages.FirstOrDefault(m => m.Kind == MessageKind.Assistant));
        Assert.Contains("within 30 days", answer!.Text);

        await visitor.PostAsJsonAsync($"/api/rooms/{id}/messages", new { clientMessageId = "q-2", text = "Do you sell bicycles on Mars?" });
        using var agent = await AgentAsync("eve");
        var waiting = await EventuallyAsync(async () => (await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json))!
            .Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("conversationId").GetString() == id));
        Assert.Equal("waiting", waiting!.Value.GetProperty("status").GetString());
        var messages = (await visitor.GetFromJsonAsync<MessagePage>($"/api/rooms/{id}/messages", Json))!.Messages;
        Assert.Single(messages, m => m.Kind == MessageKind.Assistant);
    }

    [Fact]
    public async Task An_agent_of_another_site_cannot_step_into_a_visitors_conversation()
    {
        using var visitor = await VisitorAsync();
        var waiting = await OpenAndHandOffAsync(visitor);
        using var anonymous = _system.Web.CreateHttpClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = "agent-mallory", role = "agent", siteId = "elsewhere" });
        await using var stranger = await ConnectAsync((await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => stranger.InvokeAsync<JsonElement>("JoinRoom", waiting.GetProperty("roomId").GetString(), null));

        Assert.StartsWith("forbidden: ", HubErrors.Of(refused));
        using var agent = await AgentAsync("ivy");
        var queue = await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
        Assert.Equal("waiting", queue!.Single(c => c.GetProperty("conversationId").GetString() == waiting.GetProperty("conversationId").GetString())
            .GetProperty("status").GetString());
    }

    [Fact]
    public async Task Waiting_visitors_learn_their_place_in_line_and_are_told_as_it_moves_up()
    {
        using var first = await VisitorAsync();
        var secondToken = await VisitorTokenAsync();
        using var second = Authorized(secondToken);
        await using var secondHub = await ConnectAsync(secondToken);
        var atSecond = Collect(secondHub);

        var ahead = await OpenAndHandOffAsync(first);
        var behind = await OpenAndHandOffAsync(second);
        Assert.Equal(1, ahead.GetProperty("position").GetInt32());
        Assert.Equal(2, behind.GetProperty("position").GetInt32());
        var secondId = behind.GetProperty("conversationId").GetString()!;
        await secondHub.InvokeAsync<JsonElement>("JoinRoom", secondId, null);

        using var agent = await AgentAsync("finn");
        var taken = await agent.PostAsJsonAsync($"/api/support/conversations/{ahead.GetProperty("conversationId").GetString()}/assign", new { });
        Assert.Equal("assigned", await StatusAsync(taken));

        var moved = await NextAsync(atSecond, c => c.ConversationId == secondId && c.Position == 1);
        Assert.Equal(SupportStatus.Waiting, moved.Status);
        var queue = await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
        Assert.Equal(1, queue!.Single(c => c.GetProperty("conversationId").GetString() == secondId).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Agents_see_the_visitors_page_and_first_contact_and_the_agents_to_transfer_to()
    {
        using var visitor = await VisitorAsync();
        const string page = "https://shop.example/jackets/alpine?size=m";
        var opened = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", page = "https://shop.example/" });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!;
        // The visitor moved on to another page and opened the chat there.
        await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", page });
        var refused = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop", page = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("page", await refused.Content.ReadAsStringAsync());
        await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null);

        var agentToken = await AgentTokenAsync("gus");
        using var gus = Authorized(agentToken);
        using var hal = await AgentAsync("hal");
        await using var gusHub = await ConnectAsync(agentToken);
        var queued = await EventuallyAsync(async () => (await gus.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json))!
            .Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("conversationId").GetString() == id
                && c.Value.GetProperty("status").GetString() == "assigned"));
        Assert.Equal(page, queued!.Value.GetProperty("page").GetString());
        Assert.True(queued.Value.GetProperty("createdAt").GetDateTimeOffset() <= queued.Value.GetProperty("statusSince").GetDateTimeOffset());
        Assert.Equal("Visitor", queued.Value.GetProperty("visitorName").GetString());

        var agents = await hal.GetFromJsonAsync<JsonElement[]>("/api/support/agents?siteId=shop", Json);
        var byId = agents!.ToDictionary(a => a.GetProperty("agentId").GetString()!);
        Assert.Equal((true, 1), (byId["agent-gus"].GetProperty("available").GetBoolean(), byId["agent-gus"].GetProperty("conversations").GetInt32()));
        Assert.Equal((false, 0), (byId["agent-hal"].GetProperty("available").GetBoolean(), byId["agent-hal"].GetProperty("conversations").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync("/api/support/agents?siteId=shop")).StatusCode);
    }

    /// <summary>Waits for the bot, which answers after the send is acknowledged.</summary>
    [Fact]
    public async Task An_agent_the_conversation_is_transferred_away_from_hears_nothing_more_of_it()
    {
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        var adaToken = await AgentTokenAsync("ada-t");
        await using var adaHub = await ConnectAsync(adaToken);
        await adaHub.InvokeAsync("SetStatus", "away");
        await using var bobHub = await ConnectAsync(await AgentTokenAsync("bob-t"));
        await bobHub.InvokeAsync("SetStatus", "away");
        await using var visitorHub = await ConnectAsync(visitorToken);
        var id = (await OpenAndHandOffAsync(visitor)).GetProperty("conversationId").GetString()!;
        using var ada = Authorized(adaToken);
        await StatusAsync(await ada.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { }));
        var atAda = CollectMessages(adaHub);
        var adaLeft = Channel.CreateUnbounded<MemberLeft>();
        adaHub.On<MemberLeft>("MemberLeft", left => adaLeft.Writer.TryWrite(left));
        await adaHub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        await visitorHub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        await visitorHub.InvokeAsync<JsonElement>("SendMessage", id, "v-1", "Hello?");
        Assert.Equal(1, (await NextAsync(atAda)).Seq);

        await StatusAsync(await ada.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { agentId = "agent-bob-t" }));
        Assert.Equal(new MemberLeft(id, "agent-ada-t"), await NextAsync(adaLeft));
        var atBob = CollectMessages(bobHub);
        await bobHub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        for (var i = 2; i <= 6; i++) await visitorHub.InvokeAsync<JsonElement>("SendMessage", id, $"v-{i}", $"for Bob {i}");
        await NextAsync(atBob, m => m.Seq == 6);

        // Ada may look again (any of the site's agents may step in); what she hears live starts after her snapshot.
        var snapshot = await adaHub.InvokeAsync<RoomSnapshot>("JoinRoom", id, 1L);
        await visitorHub.InvokeAsync<JsonElement>("SendMessage", id, "v-7", "Thanks");
        Assert.Equal([2L, 3L, 4L, 5L, 6L], snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(7, (await NextAsync(atAda)).Seq);
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await read() is { } value) return value;
            await Task.Delay(100);
        }
        return default;
    }

    private static async Task<JsonElement> OpenAndHandOffAsync(HttpClient visitor)
    {
        var id = (await (await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" }))
            .Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!;
        return await (await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null)).Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    private Task<HubConnection> ConnectAsync(string token) => _system.ConnectHubAsync(token);

    private static Channel<ChatMessage> CollectMessages(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<ChatMessage>();
        hub.On<ChatMessage>("MessageReceived", message => channel.Writer.TryWrite(message));
        return channel;
    }

    private static Channel<SupportChanged> Collect(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<SupportChanged>();
        hub.On<SupportChanged>("SupportChanged", change => channel.Writer.TryWrite(change));
        return channel;
    }

    private async Task<HttpClient> VisitorAsync() => Authorized(await VisitorTokenAsync());

    private async Task<HttpClient> AgentAsync(string name) => Authorized(await AgentTokenAsync(name));

    private async Task<string> VisitorTokenAsync() =>
        (await _system.OpenVisitorSessionAsync("shop", ShopOrigin)).GetProperty("accessToken").GetString()!;

    private Task<string> AgentTokenAsync(string name) => _system.TeamTokenAsync($"agent-{name}", "agent", "shop", name);

    private HttpClient Authorized(string token) => _system.Authorized(token);

    private static async Task<string> StatusAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("status").GetString()!;
    }
}
