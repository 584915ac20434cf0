using System.Text.RegularExpressions;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Widget;

/// <summary>
/// <c>POST /api/widget/sessions</c>: a token for a visitor of a configured site, opened from one of its pages,
/// and the visitor's support room (created on first use).
/// </summary>
public static partial class WidgetSessionsApi
{
    /// <summary><c>userHashExpires</c> (Unix seconds) binds <c>userHash</c> to a time: see <see cref="VisitorIdentityProof"/>.</summary>
    public sealed record SessionRequest(string? SiteId, string? VisitorId, string? DisplayName, string? UserId, string? UserHash, long? UserHashExpires);

    /// <summary>The protocol's session, plus the visitor's support room.</summary>
    public sealed record SessionResponse(string AccessToken, DateTimeOffset ExpiresAt, string VisitorId, ChatUser User, string RoomId);

    public static IEndpointRouteBuilder MapWidgetSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/widget/sessions", OpenSessionAsync)
            .WithBodyLimit(BodyLimits.Small)
            .RefusesNulText()
            .WithTags("Widget")
            .WithName("OpenWidgetSession")
            .WithSummary("A visitor token for a page of a configured site, and the visitor's support room.")
            .AllowAnonymous()
            // Any page may ask, so that a refused page can read its 403 (and stop asking); the endpoint checks
            // the origin itself, and a refused page gets no token.
            .RequireCors(policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST"));
        return app;
    }

    private static async Task<SessionResponse> OpenSessionAsync(
        SessionRequest request, HttpRequest http, InputRules rules, WidgetSites sites, TokenIssuer issuer, IGrainFactory grains, TimeProvider clock, ChatAllowances allowances)
    {
        rules.Id("siteId", request.SiteId)
            .Require(request.VisitorId is null || rules.Limits.IsValidId(request.VisitorId), "visitorId", "visitorId must be an id this endpoint issued.")
            .Require(request.UserId is null || rules.Limits.IsValidId(request.UserId), "userId", $"userId must be 1-{rules.Limits.MaxIdLength} characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.")
            .Require(request.DisplayName is null || request.DisplayName.Trim().Length is > 0 and <= 100, "displayName", "displayName must be 1-100 characters.")
            .ThrowIfInvalid();
        var siteId = request.SiteId!;
        var site = sites.Find(siteId) ?? throw ChatException.NotFound($"Site '{siteId}' is not configured.");
        if (!sites.IsOriginAllowed(siteId, http.Headers.Origin))
        {
            throw ChatException.Forbidden($"Pages of this origin may not open sessions for site '{siteId}'.");
        }

        string visitorId, fallbackName;
        if (request.UserId is { } userId)
        {
            if ((site.RequireIdentityVerification || request.UserHash is not null)
                && VisitorIdentityProof.Check(site, siteId, userId, request.UserHash, request.UserHashExpires, clock.GetUtcNow()) is { } refusal)
            {
                throw ChatException.Forbidden(refusal);
            }
            // Identified and anonymous visitors never share ids: "u-" and "v-" keep them apart.
            visitorId = "u-" + userId;
            fallbackName = userId;
        }
        else
        {
            // Only ids this endpoint issued resume a conversation; anything else starts a new one.
            visitorId = request.VisitorId is { } known && AnonymousVisitorId().IsMatch(known) ? known : ScopedIds.NewVisitorId();
            fallbackName = "Visitor";
        }

        // Each new session may store a user and a room: one address cannot make many, nor all of them too many for one site.
        allowances.SessionsPerAddress.Take(http.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        allowances.SessionsPerSite.Take(siteId);
        var user = new ChatUser(ScopedIds.VisitorUserId(rules.Limits, siteId, visitorId), request.DisplayName?.Trim() ?? fallbackName, UserRole.Visitor, siteId);
        await grains.GetGrain<IUserGrain>(user.UserId).UpdateProfile(user);
        var roomId = ScopedIds.SupportRoomId(rules.Limits, siteId, visitorId);
        await grains.GetGrain<IRoomGrain>(roomId).EnsureSupport(user, siteId);
        var (token, expiresAt) = issuer.Issue(user);
        return new SessionResponse(token, expiresAt, visitorId, user, roomId);
    }

    [GeneratedRegex("^v-[0-9a-f]{32}$")]
    private static partial Regex AnonymousVisitorId();
}
