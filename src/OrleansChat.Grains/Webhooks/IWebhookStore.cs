using OrleansChat.Contracts;

namespace OrleansChat.Grains.Webhooks;

/// <summary>
/// Webhook endpoints and the outbox of their deliveries. An event is written once per endpoint subscribed to it,
/// in one transaction, before anything tries to deliver it; deliveries keep the order they were written in.
/// </summary>
public interface IWebhookStore
{
    Task AddEndpointAsync(WebhookEndpoint endpoint, string secret, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WebhookEndpoint>> GetEndpointsAsync(string siteId, CancellationToken cancellationToken = default);

    /// <summary>Removes an endpoint of the site with its deliveries; false when the site has no such endpoint.</summary>
    Task<bool> RemoveEndpointAsync(string siteId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>Queues the event for every endpoint of its site subscribed to its type; how many deliveries that made.</summary>
    Task<int> EnqueueAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pending deliveries of the site due by <paramref name="now"/>, oldest first, each the first pending one of its
    /// endpoint and conversation: a later event of a conversation never goes before an earlier one is received.
    /// </summary>
    Task<IReadOnlyList<DueDelivery>> TakeDueAsync(string siteId, DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    Task RecordAsync(DeliveryOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Whether the site has pending deliveries, due or not.</summary>
    Task<bool> HasPendingAsync(string siteId, CancellationToken cancellationToken = default);

    /// <summary>The sites with pending deliveries: whose dispatchers a starting silo wakes.</summary>
    Task<IReadOnlyList<string>> SitesWithPendingAsync(CancellationToken cancellationToken = default);

    Task<WebhookDeliveryPage> GetDeliveriesAsync(string siteId, string endpointId, long? before, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An event as it is stored in the outbox: the JSON body every attempt sends, byte for byte.</summary>
public sealed record WebhookEvent(string EventId, string SiteId, string Type, string ConversationId, DateTimeOffset CreatedAt, string Body);

/// <summary>A delivery due now, with where it goes and what signs it.</summary>
public sealed record DueDelivery(long DeliveryId, string Url, string Secret, string EventId, string EventType, string Body, int Attempts, DateTimeOffset CreatedAt);

/// <summary>What an attempt came to: received (a 2xx), or to be retried at <see cref="NextAttemptAt"/>, or given up (both null).</summary>
public sealed record DeliveryOutcome(long DeliveryId, WebhookDeliveryStatus Status, int Attempts, int? StatusCode, string? Error, DateTimeOffset At, DateTimeOffset? NextAttemptAt);
