using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Identity;

/// <summary>Where a request's bearer token is, and who claims to have issued it.</summary>
internal static class BearerToken
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>
    /// On the hub, the <c>access_token</c> query parameter: browsers cannot set headers on WebSockets or EventSource.
    /// </summary>
    public static string? FromHubQuery(HttpRequest request) =>
        request.Path.StartsWithSegments(ChatHubRoutes.Path) && request.Query["access_token"] is { Count: > 0 } token ? token.ToString() : null;

    /// <summary>The token JwtBearer will check: the hub's query parameter first, else the Authorization header.</summary>
    public static string? Find(HttpRequest request)
    {
        if (FromHubQuery(request) is { } fromQuery) return fromQuery;
        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }

    /// <summary>The <c>iss</c> claim, read without checking anything: only to choose the scheme that checks it.</summary>
    public static string? UnverifiedIssuer(string token)
    {
        if (!Handler.CanReadToken(token)) return null;
        try
        {
            return Handler.ReadJsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            // Malformed: the default scheme refuses it.
            return null;
        }
    }
}
