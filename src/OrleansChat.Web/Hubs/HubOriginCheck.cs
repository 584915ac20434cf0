using OrleansChat.Web.Apis;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The hub refuses pages of origins nobody allowed (cross-site WebSocket hijacking): a browser's request to the hub
/// must come from this deployment's own pages, its <c>Chat:AllowedOrigins</c>, or a configured site's. Requests
/// without an <c>Origin</c> are not made by a page, so there is no other site's page to guard against.
/// </summary>
public static class HubOriginCheck
{
    // Not async: an awaited next() would keep this middleware's state machine alive for as long as a WebSocket lasts.
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(ChatHubRoutes.Path)
            && context.Request.Headers.Origin is [{ } origin]
            && !IsOwnOrigin(context.Request, origin)
            && !context.RequestServices.GetRequiredService<WidgetSites>().IsOriginAllowedAnywhere(origin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return ProblemResponses.WriteAsync(context, new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Detail = $"Pages of {origin} may not connect to this chat server.",
            }, exception: null);
        }
        return next(context);
    });

    /// <summary>A page served by this host (the scheme may differ behind a proxy that ends TLS).</summary>
    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
