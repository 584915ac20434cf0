using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OrleansChat.Web.Identity;

/// <summary>
/// An authority's configuration from a bare JWKS document (no discovery): its signing keys, and the issuer we were
/// told. Used through a <see cref="ConfigurationManager{T}"/>, so keys are cached and fetched again when a token
/// names one we do not have (the provider rotated).
/// </summary>
internal sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JwksUri = address, JsonWebKeySet = keys };
        foreach (var key in keys.GetSigningKeys()) configuration.SigningKeys.Add(key);
        return configuration;
    }

    public static ConfigurationManager<OpenIdConnectConfiguration> Manager(string jwksUri, string issuer, bool requireHttps) =>
        new(jwksUri, new JwksRetriever(issuer), new HttpDocumentRetriever(new HttpClient()) { RequireHttps = requireHttps });
}
