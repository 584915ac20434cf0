using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Widget;

/// <summary>The configured sites: origin checks and identity verification for visitor sessions.</summary>
public sealed class WidgetSites(IOptionsMonitor<Dictionary<string, SiteOptions>> options)
{
    public SiteOptions? Find(string siteId) =>
        options.CurrentValue.TryGetValue(siteId, out var site) ? site : null;

    public bool IsOriginAllowed(string siteId, string? origin) =>
        Find(siteId) is { } site && IsListed(site, origin);

    /// <summary>Whether any site lets pages of this origin call us (CORS answers only those).</summary>
    public bool IsOriginAllowedAnywhere(string? origin) =>
        options.CurrentValue.Values.Any(site => IsListed(site, origin));

    private static bool IsListed(SiteOptions site, string? origin) =>
        Normalize(origin) is { } normalized && site.AllowedOrigins.Any(allowed => Normalize(allowed) == normalized);

    /// <summary><c>scheme://host:port</c> in lower case, default ports spelled out; null for anything else.</summary>
    private static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}"
            : null;
}
