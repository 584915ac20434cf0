using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using MimeKit;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// The desk's e-mail, through a real SMTP server on loopback: the answer to a visitor who left, the transcript on
/// resolution, the alert to agents when no one is online, and an SMTP server that is down delaying mail without
/// losing it or failing anyone's request.
/// </summary>
public sealed class SupportEmailTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example";
    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Email:Host"] = "127.0.0.1",
        ["Chat:Email:Port"] = _smtp.Port.ToString(),
        ["Chat:Email:Tls"] = "None",
        ["Chat:Email:From"] = "Shop support <support@shop.example>",
        ["Chat:Email:PollInterval"] = "00:00:00.200",
        ["Chat:Email:RetryDelay"] = "00:00:00.200",
        ["Chat:Email:MaxRetryDelay"] = "00:00:00.500",
        // No renewal during a test: after a silo restart, a connected user's presence stays unknown to the cluster.
        ["Chat:Realtime:RenewPeriod"] = "00:10:00",
    });

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_who_left_gets_the_agents_answer_by_email_and_the_transcript_on_resolution()
    {
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        using var agent = Authorized(await TokenAsync("agent-ada", "Ada", "agent"));
        var id = await OpenAndHandOffAsync(visitor);

        var left = await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "vic@example.com", transcript = true });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("vic@example.com", (await left.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("visitorEmail").GetString());
        var queued = (await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json))!.Single(c => c.GetProperty("conversationId").GetString() == id);
        Assert.Equal("vic@example.com", queued.GetProperty("visitorEmail").GetString());
        await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });
        await visitor.PostAsJsonAsync($"/api/rooms/{id}/messages", new { clientMessageId = "q-1", text = "Where is my parcel?" });

        // Connected, the visitor reads the answer in the widget: no mail.
        var hub = await _system.ConnectHubAsync(visitorToken);
        await hub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        await SendAsync(agent, id, "a-1", "Let me look it up.");
        await hub.DisposeAsync();
        await EventuallyAsync(async () => (await agent.GetFromJsonAsync<JsonElement>($"/api/users/{VisitorIdOf(visitorToken)}/presence", Json))
            .GetProperty("status").GetString() == "offline");
        await SendAsync(agent, id, "a-2", "It left our warehouse this morning.");

        var answer = await _smtp.NextAsync(m => Titled(m, "answered"));
        Assert.Equal("vic@example.com", Assert.Single(answer.To.Mailboxes).Address);
        Assert.Equal("support@shop.example", Assert.Single(answer.From.Mailboxes).Address);
        Assert.Contains("It left our warehouse this morning.", answer.TextBody ?? "");

        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/support/conversations/{id}/resolve", null)).StatusCode);
        var transcript = await _smtp.NextAsync(m => Titled(m, "transcript"));
        Assert.Equal("vic@example.com", Assert.Single(transcript.To.Mailboxes).Address);
        Assert.Contains("Where is my parcel?", transcript.TextBody ?? "");
        Assert.Contains("Ada: Let me look it up.", transcript.TextBody ?? "");
        Assert.Contains("Ada: It left our warehouse this morning.", transcript.TextBody ?? "");
        // Mail goes out in the order it was queued: an answer mailed while the visitor was there would have come first.
        Assert.Single(_smtp.Received, m => Titled(m, "answered"));
    }

    [Fact]
    public async Task An_answer_the_visitor_read_live_is_not_mailed_when_the_desk_hears_of_it_again_after_they_left()
    {
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        using var agent = Authorized(await TokenAsync("agent-fay", "Fay", "agent"));
        var id = await OpenAndHandOffAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "wes@example.com" })).StatusCode);
        await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });
        var hub = await _system.ConnectHubAsync(visitorToken);
        await hub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        await SendAsync(agent, id, "a-1", "Read while you were here.");
        await hub.DisposeAsync();
        await EventuallyAsync(async () => (await agent.GetFromJsonAsync<JsonElement>($"/api/users/{VisitorIdOf(visitorToken)}/presence", Json))
            .GetProperty("status").GetString() == "offline");

        // A room that activates tells its desk again of its last minutes' messages, now that the visitor is offline.
        await _system.Silo.RestartAsync();
        // Sent again until the restarted cluster takes it, as the offline outbox would (the id makes it one message).
        await EventuallyAsync(async () => (await agent.PostAsJsonAsync($"/api/rooms/{id}/messages",
            new { clientMessageId = "a-2", text = "Written after you left." })).IsSuccessStatusCode);

        var answer = await _smtp.NextAsync(m => Titled(m, "answered"));
        Assert.Contains("Written after you left.", answer.TextBody ?? "");
        Assert.Single(_smtp.Received, m => Titled(m, "answered"));
    }

    [Fact]
    public async Task An_answer_the_visitor_marked_read_is_not_mailed_when_a_restart_leaves_their_presence_unknown()
    {
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        using var agent = Authorized(await TokenAsync("agent-gil", "Gil", "agent"));
        var id = await OpenAndHandOffAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "xia@example.com" })).StatusCode);
        await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });
        var hub = await _system.ConnectHubAsync(visitorToken);
        try
        {
            await hub.InvokeAsync<JsonElement>("JoinRoom", id, null);
            var read = await SendAsync(agent, id, "a-1", "Read while you were here.");
            await hub.InvokeAsync("MarkRead", id, read);

            // The silo restarts under the connected visitor. Until their web node reports its connections again (its
            // renewal, minutes away in this class), their fresh user grain knows none and answers offline, last seen
            // never. The agent opens the conversation: the room activates and tells its desk again of a-1.
            await _system.Silo.RestartAsync();
            await EventuallyAsync(async () => (await agent.GetAsync($"/api/rooms/{id}/messages")).IsSuccessStatusCode);
        }
        finally
        {
            await hub.DisposeAsync();
        }
        await SendAsync(agent, id, "a-2", "Written after you left.");

        // Mail goes out in the order it was queued: a-1's, had it been queued at the room's activation, would come first.
        var answer = await _smtp.NextAsync(m => Titled(m, "answered"));
        Assert.Contains("Written after you left.", answer.TextBody ?? "");
        Assert.Single(_smtp.Received, m => Titled(m, "answered"));
    }

    [Fact]
    public async Task A_visitor_may_leave_an_address_after_the_resolution_and_an_agent_who_writes_then_reaches_them()
    {
        using var visitor = Authorized(await VisitorTokenAsync());
        var agentToken = await TokenAsync("agent-gus", "Gus", "agent");
        using var agent = Authorized(agentToken);
        var id = await OpenAndHandOffAsync(visitor);
        await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { });
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"/api/support/conversations/{id}/resolve", null)).StatusCode);
        // The widget opens the conversation again on the visitor's next page, then they leave their address.
        Assert.Equal(HttpStatusCode.Created, (await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" })).StatusCode);
        var left = await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "xan@example.com" });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var conversation = await left.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(("xan@example.com", "resolved"), (conversation.GetProperty("visitorEmail").GetString(), conversation.GetProperty("status").GetString()));

        // Any of the site's agents may step in again; what they write then is an answer like any other.
        var hub = await _system.ConnectHubAsync(agentToken);
        await hub.InvokeAsync<JsonElement>("JoinRoom", id, null);
        await SendAsync(agent, id, "a-1", "One more thing: your parcel's number is 4711.");
        await hub.DisposeAsync();

        var answer = await _smtp.NextAsync(m => Titled(m, "answered"));
        Assert.Equal("xan@example.com", Assert.Single(answer.To.Mailboxes).Address);
        Assert.Contains("One more thing: your parcel's number is 4711.", answer.TextBody ?? "");
    }

    [Fact]
    public async Task Agents_get_an_email_for_a_new_waiting_conversation_when_none_is_online()
    {
        using var bea = Authorized(await TokenAsync("agent-bea", "Bea", "agent"));
        using var cy = Authorized(await TokenAsync("agent-cy", "Cy", "agent"));
        Assert.Equal(HttpStatusCode.OK, (await bea.PutAsJsonAsync("/api/support/agents/me/email?siteId=shop", new { email = "bea@shop.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cy.PutAsJsonAsync("/api/support/agents/me/email?siteId=shop", new { email = "cy@shop.example" })).StatusCode);
        Assert.Equal("bea@shop.example", (await bea.GetFromJsonAsync<JsonElement>("/api/support/agents/me/email?siteId=shop", Json)).GetProperty("email").GetString());
        using var visitor = Authorized(await VisitorTokenAsync());

        var id = await OpenAndHandOffAsync(visitor);

        var alerts = new[] { await _smtp.NextAsync(m => Titled(m, "waiting")), await _smtp.NextAsync(m => Titled(m, "waiting")) };
        Assert.Equal(["bea@shop.example", "cy@shop.example"], alerts.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(alerts, alert => Assert.Contains(id, alert.TextBody ?? ""));
    }

    [Fact]
    public async Task Agents_are_alerted_when_a_conversation_starts_to_wait_not_when_one_that_waits_changes_later()
    {
        var halToken = await TokenAsync("agent-hal", "Hal", "agent");
        using var hal = Authorized(halToken);
        Assert.Equal(HttpStatusCode.OK, (await hal.PutAsJsonAsync("/api/support/agents/me/email?siteId=shop", new { email = "hal@shop.example" })).StatusCode);
        var online = await _system.ConnectHubAsync(halToken);
        var visitors = new List<HttpClient>();
        try
        {
            // Hal takes three conversations (the cap); the fourth waits while he is available, so no one is alerted.
            for (var i = 0; i < 4; i++) visitors.Add(Authorized(await VisitorTokenAsync()));
            var ids = new List<string>();
            foreach (var visitor in visitors) ids.Add(await OpenAndHandOffAsync(visitor));
            var queue = await hal.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json);
            Assert.Equal(1, queue!.Count(c => c.GetProperty("status").GetString() == "waiting"));

            await online.DisposeAsync();
            await EventuallyAsync(async () => (await hal.GetFromJsonAsync<JsonElement[]>("/api/support/agents?siteId=shop", Json))!
                .Single(a => a.GetProperty("agentId").GetString() == "agent-hal").GetProperty("available").GetBoolean() is false);
            Assert.Equal(HttpStatusCode.OK, (await visitors[3].PutAsJsonAsync($"/api/support/conversations/{ids[3]}/email", new { email = "ivy@example.com" })).StatusCode);

            // The change was stored and its mail, had there been one, queued before the answer.
            Assert.Empty(await OutboxAsync());
        }
        finally
        {
            // Disposed also when an assertion fails: HubConnection.DisposeAsync a second time does nothing.
            await online.DisposeAsync();
            foreach (var visitor in visitors) visitor.Dispose();
        }
    }

    [Fact]
    public async Task A_failing_SMTP_server_delays_mail_without_losing_it_or_failing_the_visitors_requests()
    {
        await _smtp.StopAsync();
        var visitorToken = await VisitorTokenAsync();
        using var visitor = Authorized(visitorToken);
        using var agent = Authorized(await TokenAsync("agent-dee", "Dee", "agent"));
        var id = await OpenAndHandOffAsync(visitor);

        Assert.Equal(HttpStatusCode.OK, (await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "val@example.com", transcript = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/api/support/conversations/{id}/assign", new { })).StatusCode);
        await SendAsync(agent, id, "a-1", "Your refund is on its way.");
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/support/conversations/{id}/resolve", null)).StatusCode);

        // The sender keeps trying: the mails are still there, unsent, each with failed attempts behind it.
        await EventuallyAsync(async () => (await OutboxAsync()).Count == 2 && (await OutboxAsync()).All(m => m.Attempts >= 3 && m.LastError is not null));
        Assert.All(await OutboxAsync(), m => Assert.Null(m.SentAt));

        _smtp.Resume();
        var answer = await _smtp.NextAsync(m => Titled(m, "answered"));
        Assert.Contains("Your refund is on its way.", answer.TextBody ?? "");
        var transcript = await _smtp.NextAsync(m => Titled(m, "transcript"));
        Assert.Contains("Dee: Your refund is on its way.", transcript.TextBody ?? "");
        await EventuallyAsync(async () => (await OutboxAsync()).All(m => m.SentAt is not null));
        await Task.Delay(1000);
        Assert.Equal(2, _smtp.Received.Count);
    }

    [Fact]
    public async Task Bad_addresses_and_other_visitors_conversations_are_refused_and_change_nothing()
    {
        using var visitor = Authorized(await VisitorTokenAsync());
        using var other = Authorized(await VisitorTokenAsync());
        using var agent = Authorized(await TokenAsync("agent-eve", "Eve", "agent"));
        var id = await OpenAndHandOffAsync(visitor);

        foreach (var email in new[] { "", "not an address", "a@b", "Vic <vic@example.com>", "vic@example.com\r\nBcc: x@example.com", new string('a', 250) + "@example.com" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/support/conversations/{id}/email", new { email = "mallory@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PutAsJsonAsync("/api/support/agents/me/email?siteId=shop", new { email = "vic@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PutAsJsonAsync("/api/support/agents/me/email?siteId=shop", new { email = "nope" })).StatusCode);

        var queued = (await agent.GetFromJsonAsync<JsonElement[]>("/api/support/queue?siteId=shop", Json))!.Single(c => c.GetProperty("conversationId").GetString() == id);
        Assert.False(queued.TryGetProperty("visitorEmail", out _));
    }

    private static bool Titled(MimeMessage message, string word) => message.Subject?.Contains(word, StringComparison.Ordinal) == true;

    private sealed record OutboxRow(int Attempts, string? LastError, long? SentAt);

    private async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_system.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT attempts, last_error, sent_at_ms FROM mail_outbox ORDER BY id";
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
        }
        return rows;
    }

    /// <summary>Sends as <paramref name="agent"/>; the stored message's seq.</summary>
    private static async Task<long> SendAsync(HttpClient agent, string roomId, string clientMessageId, string text)
    {
        var sent = await agent.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId, text });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("seq").GetInt64();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The condition did not come true within 15 s.");
    }

    private static async Task<string> OpenAndHandOffAsync(HttpClient visitor)
    {
        var opened = await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("conversationId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"/api/support/conversations/{id}/handoff", null)).StatusCode);
        return id;
    }

    private async Task<string> VisitorTokenAsync() =>
        (await _system.OpenVisitorSessionAsync("shop", ShopOrigin)).GetProperty("accessToken").GetString()!;

    private static string VisitorIdOf(string token)
    {
        var payload = token.Split('.')[1];
        var json = Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '='));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }

    private Task<string> TokenAsync(string userId, string name, string role) => _system.TeamTokenAsync(userId, role, "shop", name);

    private HttpClient Authorized(string token) => _system.Authorized(token);
}
