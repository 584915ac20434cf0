using Microsoft.AspNetCore.Authentication;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Identity;

/// <summary>
/// How people sign in, for pages to offer (<c>GET /api/auth/options</c>), and OpenID Connect sign-in where it is
/// configured: <c>/api/auth/oidc/signin</c> goes to the provider and back with a cookie session, which
/// <c>POST /api/auth/oidc/token</c> turns into our usual token; <c>POST /api/auth/oidc/signout</c> ends the session.
/// </summary>
public static class SignInApi
{
    public sealed record OidcOption(string DisplayName, string SignInUrl);

    /// <summary><c>oidc</c> is null where OpenID Connect sign-in is not configured.</summary>
    public sealed record SignInOptions(bool DevLogin, OidcOption? Oidc);

    private const string SignInPath = "/api/auth/oidc/signin";

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var oidc = app.ServiceProvider.GetRequiredService<OidcSignInOptions>();
        var options = new SignInOptions(app.ServiceProvider.DevLoginEnabled(), oidc.IsEnabled ? new OidcOption(oidc.DisplayName, SignInPath) : null);
        var auth = app.MapGroup("/api/auth").WithTags("Auth").WithBodyLimit(BodyLimits.Small).RefusesNulText();
        auth.MapGet("/options", () => options).WithName("GetSignInOptions")
            .WithSummary("The sign-in methods this server offers: development login, and the OpenID provider's name.")
            .AllowAnonymous();
        if (!oidc.IsEnabled) return app;

        auth.MapGet("/oidc/signin", SignIn).WithName("OidcSignIn")
            .WithSummary("Goes to the OpenID provider, and back to returnUrl (a path of this site) signed in.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status302Found);
        auth.MapPost("/oidc/token", IssueTokenAsync).WithName("IssueOidcToken")
            .WithSummary("Our access token for the signed-in account, with its mapped claims. This site's pages only.")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(OidcSignIn.CookieScheme).RequireAuthenticatedUser())
            .RequireSameOrigin();
        auth.MapPost("/oidc/signout", SignOutAsync).WithName("OidcSignOut")
            .WithSummary("Ends the sign-in session here (not at the provider). This site's pages only.")
            .AllowAnonymous()
            .RequireSameOrigin()
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static IResult SignIn(string? returnUrl, InputRules rules)
    {
        rules.Require(returnUrl is null || LocalReturnUrl.IsLocal(returnUrl), "returnUrl", "returnUrl must be a path of this site, such as /agent.")
            .ThrowIfInvalid();
        return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl.OrDefault(returnUrl) }, [OidcSignIn.Scheme]);
    }

    private static async Task<AuthApi.TokenResponse> IssueTokenAsync(HttpContext http, TokenIssuer issuer, IGrainFactory grains)
    {
        var user = http.User.ToChatUser();
        await grains.GetGrain<IUserGrain>(user.UserId).UpdateProfile(user);
        var (token, expiresAt) = issuer.Issue(user);
        return new AuthApi.TokenResponse(token, expiresAt, user);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAuthenticationService authentication)
    {
        await authentication.SignOutAsync(http, OidcSignIn.CookieScheme, properties: null);
        return Results.NoContent();
    }
}
