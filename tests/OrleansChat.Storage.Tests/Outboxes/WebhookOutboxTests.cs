using OrleansChat.Contracts;
using OrleansChat.Grains.Webhooks;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests.Outboxes;

/// <summary>The webhook outbox on every engine: one delivery per subscribed endpoint, a conversation's events one at a time, every attempt recorded.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class WebhookOutboxTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_conversations_next_event_is_due_only_once_the_one_before_it_is_received(string engine)
    {
        var store = new SqlWebhookStore(await engines.CreateMigratedAsync(engine));
        await store.AddEndpointAsync(Endpoint("wh_all", "shop", WebhookEvents.All), "secret-all");
        await store.AddEndpointAsync(Endpoint("wh_messages", "shop", [WebhookEvents.MessageCreated]), "secret-messages");
        await store.AddEndpointAsync(Endpoint("wh_elsewhere", "other", WebhookEvents.All), "secret-other");

        Assert.Equal(1, await store.EnqueueAsync(Event("e1", WebhookEvents.ConversationCreated, "c1")));
        Assert.Equal(2, await store.EnqueueAsync(Event("e2", WebhookEvents.MessageCreated, "c1")));
        Assert.Equal(1, await store.EnqueueAsync(Event("e3", WebhookEvents.ConversationCreated, "c2")));

        // Heads only: e1 for wh_all/c1, e2 for wh_messages/c1 (its first), e3 for wh_all/c2.
        var due = await store.TakeDueAsync("shop", Now, max: 10);
        Assert.Equal([("e1", "secret-all"), ("e2", "secret-messages"), ("e3", "secret-all")], due.Select(d => (d.EventId, d.Secret)));

        var first = due[0];
        await store.RecordAsync(new DeliveryOutcome(first.DeliveryId, WebhookDeliveryStatus.Pending, 1, 503, "down", Now, Now.AddSeconds(10)));
        Assert.DoesNotContain(await store.TakeDueAsync("shop", Now.AddSeconds(5), 10), d => d.EventId is "e1" or "e2" && d.Secret == "secret-all");
        await store.RecordAsync(new DeliveryOutcome(first.DeliveryId, WebhookDeliveryStatus.Delivered, 2, 204, null, Now.AddSeconds(10), null));
        Assert.Contains(await store.TakeDueAsync("shop", Now.AddSeconds(10), 10), d => d.EventId == "e2" && d.Secret == "secret-all");

        var page = await store.GetDeliveriesAsync("shop", "wh_all", before: null, limit: 2);
        Assert.Equal(["e3", "e2"], page.Deliveries.Select(d => d.EventId));
        var older = await store.GetDeliveriesAsync("shop", "wh_all", page.NextBefore, limit: 2);
        var delivered = Assert.Single(older.Deliveries);
        Assert.Null(older.NextBefore);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 204, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)Now.AddSeconds(10)),
            (delivered.Status, delivered.Attempts, delivered.LastStatusCode, delivered.LastError, delivered.NextAttemptAt, delivered.DeliveredAt));
        Assert.Equal(["shop"], await store.SitesWithPendingAsync());
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Removing_an_endpoint_removes_its_pending_deliveries(string engine)
    {
        var store = new SqlWebhookStore(await engines.CreateMigratedAsync(engine));
        await store.AddEndpointAsync(Endpoint("wh_1", "shop", WebhookEvents.All), "s");
        await store.EnqueueAsync(Event("e1", WebhookEvents.ConversationCreated, "c1"));

        Assert.False(await store.RemoveEndpointAsync("other", "wh_1"));
        Assert.True(await store.HasPendingAsync("shop"));
        Assert.True(await store.RemoveEndpointAsync("shop", "wh_1"));

        Assert.False(await store.HasPendingAsync("shop"));
        Assert.Empty(await store.GetEndpointsAsync("shop"));
    }

    private static WebhookEndpoint Endpoint(string id, string siteId, IReadOnlyList<string> events) =>
        new(id, siteId, $"https://{id}.example/hooks", events, "admin-ann", Now);

    private static WebhookEvent Event(string id, string type, string conversationId) =>
        new(id, "shop", type, conversationId, Now, $"{{\"id\":\"{id}\"}}");
}
