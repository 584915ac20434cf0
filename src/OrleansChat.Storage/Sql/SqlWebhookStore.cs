using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Webhooks;

namespace OrleansChat.Storage.Sql;

/// <summary>Webhook endpoints in <c>webhook_endpoints</c>; the outbox and the record of every delivery in <c>webhook_deliveries</c>.</summary>
public sealed class SqlWebhookStore(IChatDatabase database) : IWebhookStore
{
    private const string Pending = "pending";
    private const string EndpointColumns = "endpoint_id, site_id, url, events, created_by, created_at_ms";
    private const string DeliveryColumns =
        "delivery_id, endpoint_id, event_id, event_type, conversation_id, status, attempts, last_status_code, last_error, created_at_ms, next_attempt_ms, delivered_at_ms";

    public Task AddEndpointAsync(WebhookEndpoint endpoint, string secret, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var insert = connection.CreateCommand(
                    $"INSERT INTO webhook_endpoints ({EndpointColumns}, secret) VALUES (@id, @site, @url, @events, @by, @at, @secret)", transaction)
                .With("@id", endpoint.EndpointId).With("@site", endpoint.SiteId).With("@url", endpoint.Url)
                .With("@events", "," + string.Join(',', endpoint.Events) + ",").With("@by", endpoint.CreatedBy)
                .With("@at", endpoint.CreatedAt.ToUnixTimeMilliseconds()).With("@secret", secret);
            return await insert.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public async Task<IReadOnlyList<WebhookEndpoint>> GetEndpointsAsync(string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE site_id = @site ORDER BY created_at_ms, endpoint_id").With("@site", siteId);
        var endpoints = new List<WebhookEndpoint>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            endpoints.Add(new WebhookEndpoint(
                EndpointId: reader.GetString(0),
                SiteId: reader.GetString(1),
                Url: reader.GetString(2),
                Events: reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                CreatedBy: reader.GetString(4),
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return endpoints;
    }

    public Task<bool> RemoveEndpointAsync(string siteId, string endpointId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var endpoint = connection.CreateCommand("DELETE FROM webhook_endpoints WHERE site_id = @site AND endpoint_id = @id", transaction)
                .With("@site", siteId).With("@id", endpointId);
            if (await endpoint.ExecuteNonQueryAsync(cancelled) == 0) return false;
            await using var deliveries = connection.CreateCommand("DELETE FROM webhook_deliveries WHERE endpoint_id = @id", transaction).With("@id", endpointId);
            await deliveries.ExecuteNonQueryAsync(cancelled);
            return true;
        }, cancellationToken);

    public Task<int> EnqueueAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var insert = connection.CreateCommand(
                    "INSERT INTO webhook_deliveries (endpoint_id, site_id, event_id, event_type, conversation_id, body, status, attempts, created_at_ms, next_attempt_ms) " +
                    "SELECT endpoint_id, site_id, @event, @type, @conversation, @body, @pending, 0, @at, @at FROM webhook_endpoints " +
                    "WHERE site_id = @site AND events LIKE @subscribed ORDER BY endpoint_id ON CONFLICT (endpoint_id, event_id) DO NOTHING", transaction)
                .With("@event", webhookEvent.EventId).With("@type", webhookEvent.Type).With("@conversation", webhookEvent.ConversationId)
                .With("@body", webhookEvent.Body).With("@pending", Pending).With("@at", webhookEvent.CreatedAt.ToUnixTimeMilliseconds())
                .With("@site", webhookEvent.SiteId).With("@subscribed", $"%,{webhookEvent.Type},%");
            return await insert.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public async Task<IReadOnlyList<DueDelivery>> TakeDueAsync(string siteId, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Only the first pending delivery of each endpoint and conversation: the next waits until it is received.
        await using var select = connection.CreateCommand(
                "SELECT d.delivery_id, e.url, e.secret, d.event_id, d.event_type, d.body, d.attempts, d.created_at_ms " +
                "FROM webhook_deliveries d JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id " +
                "WHERE d.site_id = @site AND d.status = @pending AND d.next_attempt_ms <= @now AND NOT EXISTS (" +
                "SELECT 1 FROM webhook_deliveries earlier WHERE earlier.site_id = d.site_id AND earlier.endpoint_id = d.endpoint_id " +
                "AND earlier.conversation_id = d.conversation_id AND earlier.status = @pending AND earlier.delivery_id < d.delivery_id) " +
                "ORDER BY d.delivery_id LIMIT @max")
            .With("@site", siteId).With("@pending", Pending).With("@now", now.ToUnixTimeMilliseconds()).With("@max", max);
        var due = new List<DueDelivery>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt32(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }
        return due;
    }

    public Task RecordAsync(DeliveryOutcome outcome, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            var at = outcome.At.ToUnixTimeMilliseconds();
            await using var update = connection.CreateCommand(
                    "UPDATE webhook_deliveries SET status = @status, attempts = @attempts, last_status_code = @code, last_error = @error, " +
                    "next_attempt_ms = @next, delivered_at_ms = @delivered WHERE delivery_id = @id", transaction)
                .With("@status", StatusName(outcome.Status)).With("@attempts", outcome.Attempts).With("@code", outcome.StatusCode)
                .With("@error", outcome.Error).With("@next", outcome.NextAttemptAt?.ToUnixTimeMilliseconds() ?? at)
                .With("@delivered", outcome.Status == WebhookDeliveryStatus.Delivered ? at : null).With("@id", outcome.DeliveryId);
            return await update.ExecuteNonQueryAsync(cancelled);
        }, cancellationToken);

    public async Task<bool> HasPendingAsync(string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand("SELECT 1 FROM webhook_deliveries WHERE site_id = @site AND status = @pending LIMIT 1")
            .With("@site", siteId).With("@pending", Pending);
        return await select.ExecuteScalarAsync(cancellationToken) is not (null or DBNull);
    }

    public async Task<IReadOnlyList<string>> SitesWithPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand("SELECT DISTINCT site_id FROM webhook_deliveries WHERE status = @pending").With("@pending", Pending);
        var sites = new List<string>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sites.Add(reader.GetString(0));
        return sites;
    }

    public async Task<WebhookDeliveryPage> GetDeliveriesAsync(string siteId, string endpointId, long? before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
                $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE site_id = @site AND endpoint_id = @endpoint AND delivery_id < @before " +
                "ORDER BY delivery_id DESC LIMIT @limit")
            .With("@site", siteId).With("@endpoint", endpointId).With("@before", before ?? long.MaxValue).With("@limit", limit + 1);
        var deliveries = await ReadDeliveriesAsync(select, cancellationToken);
        return deliveries.Count > limit
            ? new WebhookDeliveryPage(deliveries.Take(limit).ToArray(), deliveries[limit - 1].DeliveryId)
            : new WebhookDeliveryPage(deliveries, null);
    }

    private static async Task<List<WebhookDelivery>> ReadDeliveriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<WebhookDeliveryStatus>(reader.GetString(5), ignoreCase: true);
            DateTimeOffset? Time(int column) => reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
            deliveries.Add(new WebhookDelivery(
                DeliveryId: reader.GetInt64(0),
                EndpointId: reader.GetString(1),
                EventId: reader.GetString(2),
                EventType: reader.GetString(3),
                ConversationId: reader.GetString(4),
                Status: status,
                Attempts: reader.GetInt32(6),
                LastStatusCode: reader.IsDBNull(7) ? null : reader.GetInt32(7),
                LastError: reader.IsDBNull(8) ? null : reader.GetString(8),
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                NextAttemptAt: status == WebhookDeliveryStatus.Pending ? Time(10) : null,
                DeliveredAt: Time(11)));
        }
        return deliveries;
    }

    private static string StatusName(WebhookDeliveryStatus status) => status.ToString().ToLowerInvariant();
}
