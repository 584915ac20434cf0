using OrleansChat.Contracts;

namespace OrleansChat.Web.Identity;

/// <summary>
/// For endpoints that act on the sign-in cookie: only this site's own pages may call them, so that a page of
/// another site cannot mint a token (or end a session) with a visitor's cookie. Browsers tell where a request comes
/// from in <c>Sec-Fetch-Site</c> and <c>Origin</c>; a request without an <c>Origin</c> is no page's fetch.
/// </summary>
internal static class SameOriginCheck
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0 && fetchSite != "same-origin") return false;
        return request.Headers.Origin is [{ } origin]
            && string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    public static RouteHandlerBuilder RequireSameOrigin(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((context, next) => IsSameOrigin(context.HttpContext.Request)
            ? next(context)
            : throw ChatException.Forbidden("Only this site's own pages may use the sign-in session."));
}
