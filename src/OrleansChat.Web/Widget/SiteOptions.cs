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

    /// <summary>Shared with the site's server, which signs visitors' identities with it (see <see cref="VisitorIdentityProof"/>).</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// A visitor who claims a <c>userId</c> must bring its <c>userHash</c> (on by default: otherwise anyone could
    /// resume anyone's conversation by naming them). Anonymous visitors are welcome either way.
    /// </summary>
    public bool RequireIdentityVerification { get; set; } = true;

    /// <summary>
    /// Also accept protocol version 1's <c>userHash</c>, an HMAC of the user id alone, which never expires and is
    /// valid for every site sharing the secret. Off by default; for sites that cannot yet send <c>userHashExpires</c>.
    /// </summary>
    public bool AcceptUnboundUserHash { get; set; }

    /// <summary>The content types this site's visitors may upload; null for <c>Chat:Limits:AllowedFileTypes</c>.</summary>
    public string[]? AllowedFileTypes { get; set; }
}
