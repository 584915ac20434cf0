using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// A site's outgoing webhooks (key: site id): its endpoints, managed by the site's admins, and the dispatcher that
/// delivers the site's outbox to them, in order per conversation, retrying with backoff until each is received.
/// </summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Registers an endpoint for some events; the answer holds the secret, which is never shown again.</summary>
    Task<WebhookRegistration> Register(ChatUser admin, string url, IReadOnlyList<string> events);

    Task<IReadOnlyList<WebhookEndpoint>> GetEndpoints(ChatUser admin);

    /// <summary>Removes an endpoint and its deliveries, pending ones included.</summary>
    Task Remove(ChatUser admin, string endpointId);

    /// <summary>An endpoint's deliveries, newest first, older than <paramref name="before"/> when given.</summary>
    Task<WebhookDeliveryPage> GetDeliveries(ChatUser admin, string endpointId, long? before, int limit);

    /// <summary>The outbox has new deliveries (or the silo started with some pending): deliver until none is due.</summary>
    [OneWay]
    Task Wake();
}
