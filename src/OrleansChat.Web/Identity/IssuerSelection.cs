using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace OrleansChat.Web.Identity;

/// <summary>
/// The default authentication scheme: forwards each request to the scheme of its bearer token's issuer. Our own
/// issuer, unknown issuers and requests without a token go to our own JwtBearer scheme, which refuses strangers.
/// The issuer is read unverified; the scheme forwarded to checks the signature, issuer and audience.
/// </summary>
internal static class IssuerSelection
{
    public const string SchemeName = "ChatBearer";

    internal static AuthenticationBuilder AddIssuerSelection(this AuthenticationBuilder auth, IReadOnlyDictionary<string, string> schemeOfIssuer) =>
        auth.AddPolicyScheme(SchemeName, "Bearer token, by issuer", policy => policy.ForwardDefaultSelector = http =>
            BearerToken.Find(http.Request) is { } token
            && BearerToken.UnverifiedIssuer(token) is { } issuer
            && schemeOfIssuer.TryGetValue(Normalize(issuer), out var scheme)
                ? scheme
                : JwtBearerDefaults.AuthenticationScheme);

    /// <summary>Issuers compare without a trailing slash: providers differ on it, and configurations too.</summary>
    internal static string Normalize(string issuer) => issuer.TrimEnd('/');
}
