using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Testing;
using static OrleansChat.Web.Tests.Support.WebhookSite;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// Outgoing webhooks against a real receiver on loopback: signed as docs/support.md says, and delivered at least once,
/// in order per conversation, through a receiver's downtime and a silo restart, with every retry recorded.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private WebhookSite _site = null!;

    public async Task InitializeAsync() => _site = await WebhookSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Every_delivery_verifies_with_the_documented_recipe_and_a_tampered_one_does_not()
    {
        await _site.Receiver.StartAsync();
        var (_, secret) = await _site.RegisterReceiverAsync();
        var (visitor, conversationId) = await _site.OpenConversationAsync("Returns");
        await WriteAsync(visitor, conversationId, "q-1", "Can I return boots after 30 days?");

        // Created, the message, and the hand-off to the humans that the message brings (no assistant on this site).
        var received = await EventuallyAsync(() => Task.FromResult(_site.Receiver.Received), r => r.Count >= 3, "three deliveries");

        var created = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal("conversation.created", created.GetProperty("type").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), received[0].Headers["x-orleanschat-event-id"]);
        Assert.Equal(SiteId, created.GetProperty("siteId").GetString());
        Assert.Equal(conversationId, created.GetProperty("data").GetProperty("conversation").GetProperty("conversationId").GetString());
        var messageRequest = received.Single(r => r.Headers["x-orleanschat-event"] == "message.created");
        var message = JsonDocument.Parse(messageRequest.Body).RootElement;
        Assert.Equal("Can I return boots after 30 days?", message.GetProperty("data").GetProperty("message").GetProperty("text").GetString());
        var handedOff = JsonDocument.Parse(received.Single(r => r.Headers["x-orleanschat-event"] == "conversation.status_changed").Body).RootElement;
        Assert.Equal(("bot", "waiting"), (handedOff.GetProperty("data").GetProperty("previousStatus").GetString(),
            handedOff.GetProperty("data").GetProperty("conversation").GetProperty("status").GetString()));

        var genuine = received.Select(r => new VerificationCase(secret, r.Headers, r.Body));
        var forged = new[]
        {
            new VerificationCase(secret, messageRequest.Headers, messageRequest.Body.Replace("30 days", "300 days")),
            new VerificationCase("whsec_not-the-secret", messageRequest.Headers, messageRequest.Body),
        };
        var verdicts = await DocumentedRecipe.VerifyAsync([.. genuine, .. forged]);
        Assert.Equal([.. received.Select(_ => true), false, false], verdicts);
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_then_back_gets_every_event_once_in_order_per_conversation()
    {
        var (endpointId, _) = await _site.RegisterReceiverAsync();
        var (ann, annConversation) = await _site.OpenConversationAsync("Returns");
        var (bob, bobConversation) = await _site.OpenConversationAsync("Shipping");
        for (var i = 1; i <= 3; i++)
        {
            await WriteAsync(ann, annConversation, $"ann-{i}", $"Ann's message {i}");
            await WriteAsync(bob, bobConversation, $"bob-{i}", $"Bob's message {i}");
        }

        // Down: the first of each conversation is tried again and again, and the record says so; nothing later goes.
        var failing = await EventuallyAsync(() => _site.DeliveriesAsync(endpointId),
            d => d.Count(x => x.GetProperty("attempts").GetInt32() >= 3) == 2, "retries of each conversation's first event");
        Assert.All(failing.Where(d => d.GetProperty("attempts").GetInt32() > 0), d =>
        {
            Assert.Equal("pending", d.GetProperty("status").GetString());
            Assert.Equal("conversation.created", d.GetProperty("eventType").GetString());
            Assert.False(string.IsNullOrEmpty(d.GetProperty("lastError").GetString()));
            Assert.True(d.TryGetProperty("nextAttemptAt", out _));
        });

        await _site.Receiver.StartAsync();
        var outbox = await EventuallyAsync(() => _site.DeliveriesAsync(endpointId),
            d => d.All(x => x.GetProperty("status").GetString() == "delivered"), "every delivery received");

        AssertReceivedOnceInOrder(outbox);
        Assert.Equal(2, outbox.Count(d => d.GetProperty("attempts").GetInt32() >= 3));
        // Each conversation: created, three messages, and the hand-off its first message brought.
        Assert.All(new[] { annConversation, bobConversation }, id => Assert.Equal(5, outbox.Count(d => d.GetProperty("conversationId").GetString() == id)));
        Assert.Equal(2, outbox.Count(d => d.GetProperty("eventType").GetString() == "conversation.status_changed"));
    }

    [Fact]
    public async Task A_silo_restart_while_the_receiver_is_down_loses_nothing()
    {
        var (endpointId, _) = await _site.RegisterReceiverAsync();
        var (ann, annConversation) = await _site.OpenConversationAsync("Returns");
        await WriteAsync(ann, annConversation, "ann-1", "Before the restart");
        await EventuallyAsync(() => _site.DeliveriesAsync(endpointId),
            d => d.Count == 3 && d[0].GetProperty("attempts").GetInt32() >= 1, "created, the message and the hand-off, the first tried");

        await _site.System.Silo.RestartAsync();
        await _site.Receiver.StartAsync();

        // Nothing wakes the site's dispatcher but the restarted silo: no new event, no one reads the record meanwhile.
        await EventuallyAsync(() => Task.FromResult(_site.Receiver.Received), r => r.Count >= 3, "the three events from before the restart");
        // The web node may still be reconnecting to the silo: the send is retried (same clientMessageId) until taken.
        await EventuallyAsync(async () => (await ann.PostAsJsonAsync($"/api/rooms/{annConversation}/messages", new { clientMessageId = "ann-2", text = "After the restart" })).IsSuccessStatusCode,
            sent => sent, "a send after the restart");
        await EventuallyAsync(() => Task.FromResult(_site.Receiver.Received), r => r.Count >= 4, "the event from after the restart");
        var outbox = await EventuallyAsync(() => _site.DeliveriesAsync(endpointId),
            d => d.All(x => x.GetProperty("status").GetString() == "delivered"), "every delivery recorded as received");
        Assert.Equal(4, outbox.Count);
        AssertReceivedOnceInOrder(outbox);
    }

    /// <summary>The receiver got each event of the outbox once, and each conversation's in the order the outbox holds them.</summary>
    private void AssertReceivedOnceInOrder(IReadOnlyList<JsonElement> outbox)
    {
        var received = _site.Receiver.Received.Select(r => r.Headers["x-orleanschat-event-id"]).ToArray();
        Assert.Equal(outbox.Select(d => d.GetProperty("eventId").GetString()!).Order(), received.Order());
        foreach (var conversation in outbox.GroupBy(d => d.GetProperty("conversationId").GetString()))
        {
            var written = conversation.Select(d => d.GetProperty("eventId").GetString()!).ToArray();
            Assert.Equal(written, received.Where(written.Contains));
        }
    }
}
