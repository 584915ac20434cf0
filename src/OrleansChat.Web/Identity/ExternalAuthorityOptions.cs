namespace OrleansChat.Web.Identity;

/// <summary>
/// A host application's identity provider whose tokens we accept as they are, checked by its published keys
/// (<c>Chat:Auth:Authorities:{name}</c>): either <see cref="Authority"/> (OpenID discovery) or <see cref="JwksUri"/>
/// with <see cref="Issuer"/>.
/// </summary>
public sealed class ExternalAuthorityOptions
{
    public const string SectionName = "Chat:Auth:Authorities";

    /// <summary>The provider's base address; its discovery document names the issuer and the keys.</summary>
    public string? Authority { get; set; }

    /// <summary>A bare key set, for providers without discovery; <see cref="Issuer"/> is then required.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The tokens' <c>iss</c>: selects this authority for a token. Defaults to <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Required: tokens the provider issued for other applications must not open ours.</summary>
    public string? Audience { get; set; }

    /// <summary>Off only for development or test providers on plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public ClaimMapOptions Claims { get; set; } = new();
}
