using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;
using OrleansChat.Web.Realtime;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// Limits on opening hub connections, answered at the handshake with 429 and <c>Retry-After</c>: attempts per
/// client address, and connections held at once per user. Long polling's polls are not new connections. A node that
/// is stopping opens none (503): SignalR closes its connections as it begins to stop, and their clients would
/// otherwise reconnect to it while it still listens, keep its stop waiting for the shutdown timeout, then be cut again.
/// </summary>
public static class HubAdmission
{
    // Not async: an awaited next() would keep this middleware's state machine alive for as long as a WebSocket lasts.
    public static IApplicationBuilder UseHubAdmission(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(ChatHubRoutes.Path) || !OpensConnection(context.Request)) return next(context);
        if (context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return ProblemResponses.WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "This node is stopping: connect again in a moment.",
            });
        }
        var allowances = context.RequestServices.GetRequiredService<ChatAllowances>();
        try
        {
            allowances.ConnectionsPerAddress.Take(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            RequireConnectionLeft(context);
        }
        catch (RateLimitedException limited)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString();
            return ProblemResponses.WriteAsync(context, new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = limited.Message });
        }
        return next(context);
    });

    /// <summary>
    /// Negotiation, a WebSocket upgrade (HTTP/1.1's Upgrade, HTTP/2's CONNECT) or an event stream: not a long poll
    /// or a long-polling send. Read from the request itself: SignalR adds the WebSocket middleware after this one.
    /// </summary>
    private static bool OpensConnection(HttpRequest request) =>
        request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal)
        || request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
        || HttpMethods.IsConnect(request.Method)
        || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    private static void RequireConnectionLeft(HttpContext context)
    {
        if (context.User.FindFirst(ChatClaims.UserId)?.Value is not { } userId) return;
        var limit = context.RequestServices.GetRequiredService<IOptions<ChatLimits>>().Value.ConnectionsPerUser;
        if (context.RequestServices.GetRequiredService<LocalPresence>().ConnectionCount(userId) >= limit)
        {
            throw new RateLimitedException($"connections at once (at most {limit}): close one", TimeSpan.FromSeconds(30));
        }
    }
}
