using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Widget;

/// <summary>The configured sites: origin checks and identity verification for visitor sessions.</summary>
public sealed class WidgetSites(IOptionsMonitor<Dictionary<string, SiteOptions>> options, IOptionsMonitor<DeploymentOrigins> deployment)
{
    public SiteOptions? Find(string siteId) =>
        options.CurrentValue.TryGetValue(siteId, out var site) ? site : null;

    public bool IsOriginAllowed(string siteId, string? origin) =>
        Find(siteId) is { } site && IsListed(site.AllowedOrigins, origin);

    /// <summary>Whether the deployment or any site lets pages of this origin call us (CORS and the hub answer only those).</summary>
    public bool IsOriginAllowedAnywhere(string? origin) =>
        IsListed(deployment.CurrentValue.AllowedOrigins, origin) || options.CurrentValue.Values.Any(site => IsListed(site.AllowedOrigins, origin));

    private static bool IsListed(string[] allowedOrigins, string? origin) =>
        Normalize(origin) is { } normalized && allowedOrigins.Any(allowed => Normalize(allowed) == normalized);

    /// <summary><c>scheme://host:port</c> in lower case, default ports spelled out; null for anything else.</summary>
    private static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}"
            : null;
}
