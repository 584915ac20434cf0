namespace OrleansChat.Web.Identity;

/// <summary>
/// OpenID Connect sign-in for the agent console and members (<c>Chat:Auth:Oidc</c>): on when
/// <see cref="Authority"/> and <see cref="ClientId"/> are set. The provider calls back at
/// <c>/api/auth/oidc/callback</c>, which its client registration must list.
/// </summary>
public sealed class OidcSignInOptions
{
    public const string SectionName = "Chat:Auth:Oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// Asked of the provider: <c>openid</c> and <c>profile</c> unless set. Add the scopes that release the role and
    /// site claims. (Empty by default because configuration adds to an array rather than replacing it.)
    /// </summary>
    public string[] Scopes { get; set; } = [];

    public IEnumerable<string> ScopesToAsk => Scopes.Length > 0 ? Scopes : ["openid", "profile"];

    public ClaimMapOptions Claims { get; set; } = new();

    /// <summary>The provider's name on the sign-in button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>How long the sign-in cookie may mint tokens before the provider is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Where the keys protecting the sign-in cookie and the provider round trip live. Web replicas must share
    /// them (a shared folder), unless a load balancer keeps each browser on one replica.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>Off only for development or test providers on plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(ClientId);
}
