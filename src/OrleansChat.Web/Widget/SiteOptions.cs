namespace OrleansChat.Web.Widget;

/// <summary>
/// A site that embeds the widget, under <c>Chat:Sites:{siteId}</c>: which pages may open visitor sessions and
/// how a visitor's identity is vouched for.
/// </summary>
public sealed class SiteOptions
{
    public const string SectionName = "Chat:Sites";

    /// <summary>Origins (<c>scheme://host[:port]</c>) whose pages may open sessions and connect with them.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Shared with the site's server, which signs user ids with it (hex HMAC-SHA256) to prove who a visitor is.</summary>
    public string? Secret { get; set; }

    /// <summary>When set, a visitor who claims a <c>userId</c> must bring its <c>userHash</c>.</summary>
    public bool RequireIdentityVerification { get; set; }
}
