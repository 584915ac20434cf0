using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Support;

/// <summary>
/// A site's outgoing webhooks (docs/support.md), managed by the site's admins: endpoints, and the record of every
/// delivery. The site is the caller's token's.
/// </summary>
public static class WebhookApi
{
    public sealed record RegisterWebhookRequest(string? SiteId, string? Url, IReadOnlyList<string?>? Events);

    /// <summary>A new endpoint and the secret that signs its deliveries, shown this once.</summary>
    public sealed record RegisteredWebhook(string EndpointId, string SiteId, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt, string Secret);

    private const int MaxUrlLength = 2000;

    public static IEndpointRouteBuilder MapWebhookApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapApiGroup("/support/webhooks", "Support");
        webhooks.MapPost("", RegisterAsync).WithName("RegisterSupportWebhook")
            .WithSummary("A site admin registers an endpoint for some of the desk's events; the answer holds its signing secret, shown once.")
            .Produces<RegisteredWebhook>(StatusCodes.Status201Created);
        webhooks.MapGet("", ListAsync).WithName("GetSupportWebhooks").WithSummary("The site's webhook endpoints, for its admins.");
        webhooks.MapDelete("/{endpointId}", RemoveAsync).WithName("RemoveSupportWebhook")
            .WithSummary("Removes an endpoint with its deliveries; pending ones are not sent.").Produces(StatusCodes.Status204NoContent);
        webhooks.MapGet("/{endpointId}/deliveries", DeliveriesAsync).WithName("GetSupportWebhookDeliveries")
            .WithSummary("An endpoint's deliveries, newest first: status, attempts, last status code or error, next attempt. Page with before=nextBefore.");
        return app;
    }

    private static async Task<IResult> RegisterAsync(RegisterWebhookRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var events = request.Events ?? [];
        rules.Id("siteId", request.SiteId)
            .Require(request.Url is { Length: > 0 and <= MaxUrlLength } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "url", $"url must be an http(s) address of at most {MaxUrlLength} characters.")
            .Require(events.Count > 0 && events.All(WebhookEvents.IsKnown) && events.Distinct(StringComparer.Ordinal).Count() == events.Count,
                "events", $"events must name some of {string.Join(", ", WebhookEvents.All)}, each once.")
            .ThrowIfInvalid();
        var registration = await WebhooksOf(request.SiteId, principal, grains).Register(principal.ToChatUser(), request.Url!, [.. events.OfType<string>()]);
        var e = registration.Endpoint;
        return TypedResults.Created($"/api/support/webhooks/{e.EndpointId}",
            new RegisteredWebhook(e.EndpointId, e.SiteId, e.Url, e.Events, e.CreatedBy, e.CreatedAt, registration.Secret));
    }

    private static Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("siteId", siteId).ThrowIfInvalid();
        return WebhooksOf(siteId, principal, grains).GetEndpoints(principal.ToChatUser());
    }

    private static async Task<IResult> RemoveAsync(string endpointId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("endpointId", endpointId).ThrowIfInvalid();
        await WebhooksOf(SiteOf(principal), principal, grains).Remove(principal.ToChatUser(), endpointId);
        return TypedResults.NoContent();
    }

    private static Task<WebhookDeliveryPage> DeliveriesAsync(
        string endpointId, string? before, string? limit, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("endpointId", endpointId);
        var cursor = rules.Number("before", before, minimum: 1);
        var size = rules.PageLimit(limit);
        rules.ThrowIfInvalid();
        return WebhooksOf(SiteOf(principal), principal, grains).GetDeliveries(principal.ToChatUser(), endpointId, cursor, size);
    }

    /// <summary>The webhooks of the site a request names, which must be the caller's, who must be its admin.</summary>
    private static IWebhookGrain WebhooksOf(string? siteId, ClaimsPrincipal principal, IGrainFactory grains)
    {
        if (SiteOf(principal) != siteId || principal.ToChatUser().Role != UserRole.Admin)
        {
            throw ChatException.Forbidden($"Only admins of site '{siteId}' manage its webhooks.");
        }
        return grains.GetGrain<IWebhookGrain>(siteId!);
    }

    private static string SiteOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ChatClaims.Site) ?? throw ChatException.Forbidden("Webhooks need a token that names its site.");
}
