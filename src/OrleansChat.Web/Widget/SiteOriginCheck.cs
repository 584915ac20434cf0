using Microsoft.AspNetCore.Authentication.JwtBearer;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Widget;

/// <summary>
/// A visitor token names its site: browsers may use it only from that site's pages (the hub handshake and REST
/// alike), so a token copied out of one site's page cannot be replayed from another origin's.
/// </summary>
internal static class SiteOriginCheck
{
    public static Task OnTokenValidated(TokenValidatedContext context)
    {
        var siteId = context.Principal?.FindFirst(ChatClaims.Site)?.Value;
        // Requests without an Origin are not made by a page: there is no other site's page to guard against.
        if (siteId is null || context.Request.Headers.Origin is not [{ } origin]) return Task.CompletedTask;
        var sites = context.HttpContext.RequestServices.GetRequiredService<WidgetSites>();
        if (!sites.IsOriginAllowed(siteId, origin)) context.Fail($"The token of site '{siteId}' is not valid from {origin}.");
        return Task.CompletedTask;
    }
}
