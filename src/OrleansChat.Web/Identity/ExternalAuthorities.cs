using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Contracts;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Identity;

/// <summary>
/// One JwtBearer scheme per configured authority (<c>Chat:Auth:Authorities:{name}</c>), checking tokens by the
/// provider's published keys and turning their claims into ours.
/// </summary>
internal static class ExternalAuthorities
{
    /// <summary>Asymmetric only: a provider's public key must never be taken for an HMAC secret.</summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static string SchemeOf(string name) => "Authority:" + name;

    /// <summary>Adds each authority's scheme; returns the scheme of each issuer, for <see cref="IssuerSelection"/>.</summary>
    public static Dictionary<string, string> AddExternalAuthorities(this AuthenticationBuilder auth, IConfiguration configuration, string ownIssuer)
    {
        var schemeOfIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection(ExternalAuthorityOptions.SectionName).GetChildren())
        {
            var authority = section.Get<ExternalAuthorityOptions>() ?? new ExternalAuthorityOptions();
            var issuer = Validate(section.Path, authority);
            if (IssuerSelection.Normalize(issuer) == IssuerSelection.Normalize(ownIssuer))
            {
                throw new InvalidOperationException($"{section.Path}: issuer '{issuer}' is our own (Chat:Auth:Issuer).");
            }
            if (!schemeOfIssuer.TryAdd(IssuerSelection.Normalize(issuer), SchemeOf(section.Key)))
            {
                throw new InvalidOperationException($"{section.Path}: another authority has issuer '{issuer}'.");
            }
            var claims = new ClaimMap(section.Path + ":Claims", authority.Claims);
            auth.AddJwtBearer(SchemeOf(section.Key), jwt => Configure(jwt, authority, claims));
        }
        return schemeOfIssuer;
    }

    /// <summary>The issuer that selects this authority; throws on an incomplete configuration.</summary>
    private static string Validate(string path, ExternalAuthorityOptions authority)
    {
        if (string.IsNullOrEmpty(authority.Authority) == string.IsNullOrEmpty(authority.JwksUri))
        {
            throw new InvalidOperationException($"{path}: set either Authority (OpenID discovery) or JwksUri with Issuer.");
        }
        if (string.IsNullOrEmpty(authority.Audience))
        {
            throw new InvalidOperationException($"{path}:Audience is required: the provider's tokens for other applications must not open ours.");
        }
        return authority.Issuer is { Length: > 0 } issuer ? issuer
            : authority.Authority ?? throw new InvalidOperationException($"{path}:Issuer is required with JwksUri.");
    }

    private static void Configure(JwtBearerOptions jwt, ExternalAuthorityOptions authority, ClaimMap claims)
    {
        jwt.MapInboundClaims = false;
        // As for our own tokens (AuthExtensions): not kept with the authentication result of a long-lived connection.
        jwt.SaveToken = false;
        jwt.RequireHttpsMetadata = authority.RequireHttpsMetadata;
        if (authority.JwksUri is { Length: > 0 } jwksUri)
        {
            jwt.ConfigurationManager = JwksRetriever.Manager(jwksUri, authority.Issuer!, authority.RequireHttpsMetadata);
        }
        else
        {
            jwt.Authority = authority.Authority;
        }
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            // Unset with discovery: the discovery document's issuer is the one checked.
            ValidIssuer = authority.Issuer,
            ValidAudience = authority.Audience,
            ValidAlgorithms = Algorithms,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                context.Token = BearerToken.FromHubQuery(context.Request) ?? context.Token;
                return Task.CompletedTask;
            },
            OnTokenValidated = context => MapClaimsAsync(context, claims),
        };
    }

    /// <summary>The provider's claims become ours; then a token that names a site works only from its pages.</summary>
    private static Task MapClaimsAsync(TokenValidatedContext context, ClaimMap claims)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<ChatLimits>>().Value;
        if (!claims.TryMap(context.Principal!, limits, context.Scheme.Name, out var mapped, out var refusal))
        {
            // The signature was good: a refusal here is a claim map that does not fit the provider, or a forbidden id.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalAuthorities))
                .LogWarning("A token of {Scheme} is refused: {Refusal}.", context.Scheme.Name, refusal);
            context.Fail($"The token is refused: {refusal}.");
            return Task.CompletedTask;
        }
        context.Principal = mapped;
        return SiteOriginCheck.OnTokenValidated(context);
    }
}
