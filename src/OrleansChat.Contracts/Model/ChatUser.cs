namespace OrleansChat.Contracts;

/// <summary>
/// Who is calling: the identity the web tier read from the caller's token. Protocol shape <c>User</c>, plus the
/// site a visitor's or an agent's token belongs to (none for the host application's own users).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatUser(string UserId, string DisplayName, UserRole Role, string? SiteId = null)
{
    /// <summary>
    /// User ids of this form belong to a site's visitor sessions, and only the widget's session endpoint issues them:
    /// no other token may name one, so a grain can tell a visitor by the id alone.
    /// </summary>
    public const string VisitorIdPrefix = "visitor:";

    public static bool IsVisitorId(string userId) => userId.StartsWith(VisitorIdPrefix, StringComparison.Ordinal);
}
