using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Webhooks;

/// <summary>
/// A site's webhooks: its admins manage the endpoints here, and the same activation delivers the site's outbox
/// (<see cref="WebhookGrain"/>'s dispatch part), one activation per site so that no delivery is attempted twice at
/// once. Reentrant: managing endpoints does not wait behind a slow receiver.
/// </summary>
[Reentrant]
public sealed partial class WebhookGrain(
    IWebhookStore store,
    IWebhookTransport transport,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain
{
    private const int MaxUrlLength = 2000;

    private string SiteId => this.GetPrimaryKeyString();

    public async Task<WebhookRegistration> Register(ChatUser admin, string url, IReadOnlyList<string> events)
    {
        RequireAdmin(admin);
        var address = RequireAddress(url);
        if (events.Count == 0 || !events.All(WebhookEvents.IsKnown) || events.Distinct(StringComparer.Ordinal).Count() != events.Count)
        {
            throw ChatException.Invalid($"events must name some of {string.Join(", ", WebhookEvents.All)}, each once.");
        }
        if ((await Stored(() => store.GetEndpointsAsync(SiteId))).Count >= options.Value.MaxEndpointsPerSite)
        {
            throw ChatException.Conflict($"A site may have at most {options.Value.MaxEndpointsPerSite} webhook endpoints; remove one first.");
        }
        var endpoint = new WebhookEndpoint("wh_" + Guid.NewGuid().ToString("N"), SiteId, address.AbsoluteUri,
            [.. WebhookEvents.All.Where(events.Contains)], admin.UserId, clock.GetUtcNow());
        var secret = WebhookSignature.NewSecret();
        await Stored(() => store.AddEndpointAsync(endpoint, secret));
        return new WebhookRegistration(endpoint, secret);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> GetEndpoints(ChatUser admin)
    {
        RequireAdmin(admin);
        return await Stored(() => store.GetEndpointsAsync(SiteId));
    }

    public async Task Remove(ChatUser admin, string endpointId)
    {
        RequireAdmin(admin);
        if (!await Stored(() => store.RemoveEndpointAsync(SiteId, endpointId))) throw NoSuchEndpoint(endpointId);
    }

    public async Task<WebhookDeliveryPage> GetDeliveries(ChatUser admin, string endpointId, long? before, int limit)
    {
        RequireAdmin(admin);
        if (limit is < 1 or > 1000) throw ChatException.Invalid("limit must be 1-1000.");
        if ((await Stored(() => store.GetEndpointsAsync(SiteId))).All(e => e.EndpointId != endpointId)) throw NoSuchEndpoint(endpointId);
        return await Stored(() => store.GetDeliveriesAsync(SiteId, endpointId, before, limit));
    }

    private void RequireAdmin(ChatUser user)
    {
        if (user.Role != UserRole.Admin || user.SiteId != SiteId) throw ChatException.Forbidden($"Only admins of site '{SiteId}' manage its webhooks.");
    }

    /// <summary>
    /// An http(s) address; https unless http is allowed; and, unless private networks are allowed, not one that names
    /// a loopback or private address outright (names that resolve to one are refused when connecting).
    /// </summary>
    private Uri RequireAddress(string url)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
        {
            throw ChatException.Invalid($"url must be an http(s) address of at most {MaxUrlLength} characters, without user name or password.");
        }
        if (uri.Scheme == "http" && options.Value.AllowHttp is not true) throw ChatException.Invalid("url must be an https address.");
        if (!options.Value.AllowPrivateNetworks && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && PrivateNetworks.Contains(ip))))
        {
            throw ChatException.Invalid("url must not be a loopback or private network address.");
        }
        return uri;
    }

    private static ChatException NoSuchEndpoint(string endpointId) => ChatException.NotFound($"Webhook endpoint '{endpointId}' does not exist.");

    private async Task<T> Stored<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is not ChatException)
        {
            logger.LogError(exception, "The webhook store of site {SiteId} failed", SiteId);
            throw ChatException.Unavailable("The webhook store is unavailable; nothing was changed. Retry later.");
        }
    }

    private Task Stored(Func<Task> write) => Stored(async () => { await write(); return true; });
}
