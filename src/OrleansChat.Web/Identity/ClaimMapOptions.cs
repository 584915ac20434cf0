namespace OrleansChat.Web.Identity;

/// <summary>
/// Which of a provider's claims carry our identity (<c>Claims</c> under an authority or <c>Chat:Auth:Oidc</c>).
/// The defaults read a token that already speaks our claims.
/// </summary>
public sealed class ClaimMapOptions
{
    /// <summary>The claim holding the user id (e.g. <c>oid</c> for Entra ID, whose <c>sub</c> differs per app).</summary>
    public string UserId { get; set; } = "sub";

    public string Name { get; set; } = "name";

    /// <summary>The claim holding roles or groups (<c>role</c>, <c>roles</c>, <c>groups</c>); it may repeat.</summary>
    public string Role { get; set; } = "role";

    /// <summary>
    /// Our role (<c>member</c>, <c>agent</c>, <c>admin</c>) -> the <see cref="Role"/> values that grant it; the highest
    /// granted wins, and none is <c>member</c>. Empty: the values <c>member</c>, <c>agent</c> and <c>admin</c> stand
    /// for themselves. Listed this way round because a value may hold ':' (a configuration key may not).
    /// </summary>
    public Dictionary<string, string[]> Roles { get; set; } = [];

    /// <summary>The claim naming the site whose desk an agent works (and whose pages a token may be used from).</summary>
    public string Site { get; set; } = "site";
}
