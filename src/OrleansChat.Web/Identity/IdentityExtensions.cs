using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Identities from elsewhere: host applications' tokens checked by their authorities' keys, and OpenID Connect
    /// sign-in. <see cref="IssuerSelection"/> becomes the default scheme (configured after, so in place of, our own
    /// JwtBearer's), sending each token to its issuer's scheme.
    /// </summary>
    public static WebApplicationBuilder AddChatIdentity(this WebApplicationBuilder builder, ChatAuthOptions options)
    {
        var auth = builder.Services.AddAuthentication(IssuerSelection.SchemeName);
        var schemeOfIssuer = auth.AddExternalAuthorities(builder.Configuration, options.Issuer);
        auth.AddIssuerSelection(schemeOfIssuer);
        var oidc = builder.Configuration.GetSection(OidcSignInOptions.SectionName).Get<OidcSignInOptions>() ?? new OidcSignInOptions();
        if (oidc.IsEnabled) auth.AddOidcSignIn(oidc);
        builder.Services.AddSingleton(oidc);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<SignInMethodsReport>(services, (IReadOnlyDictionary<string, string>)schemeOfIssuer));
        return builder;
    }
}
