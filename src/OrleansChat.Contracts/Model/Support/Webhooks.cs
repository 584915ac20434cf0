namespace OrleansChat.Contracts;

/// <summary>The events a site's webhook endpoints may subscribe to.</summary>
public static class WebhookEvents
{
    public const string ConversationCreated = "conversation.created";
    public const string MessageCreated = "message.created";
    public const string ConversationStatusChanged = "conversation.status_changed";

    public static readonly IReadOnlyList<string> All = [ConversationCreated, MessageCreated, ConversationStatusChanged];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>Where a delivery stands: waiting for its (next) attempt, received with a 2xx, or given up after its time.</summary>
public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>A site's webhook endpoint; its secret is shown once, when it is registered.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpoint(string EndpointId, string SiteId, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A new endpoint with the secret that signs its deliveries.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookRegistration(WebhookEndpoint Endpoint, string Secret);

/// <summary>
/// One event's delivery to one endpoint: its attempts so far, the last answer's status code or the last error, and
/// when the next attempt is due while pending.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDelivery(
    long DeliveryId,
    string EndpointId,
    string EventId,
    string EventType,
    string ConversationId,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

/// <summary>Deliveries newest first; <see cref="NextBefore"/> asks for the older ones, null at the oldest.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Deliveries, long? NextBefore);
