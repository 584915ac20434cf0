using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Identity;

/// <summary>
/// OpenID Connect sign-in (authorization code with PKCE) into a cookie session that only mints our own tokens
/// (<see cref="SignInApi"/>): the console keeps using bearer tokens for REST and the hub.
/// </summary>
internal static class OidcSignIn
{
    public const string Scheme = "Oidc";
    public const string CookieScheme = "OidcSession";
    public const string CallbackPath = "/api/auth/oidc/callback";

    /// <summary>The cookie goes only to the sign-in endpoints, never to REST or the hub.</summary>
    private const string CookiePath = "/api/auth/oidc";

    public static void AddOidcSignIn(this AuthenticationBuilder auth, OidcSignInOptions options)
    {
        var claims = new ClaimMap(OidcSignInOptions.SectionName + ":Claims", options.Claims);
        if (options.KeysDirectory is { Length: > 0 } keys)
        {
            auth.Services.AddDataProtection().SetApplicationName("OrleansChat").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        auth.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "orleanschat.oidc";
            cookie.Cookie.Path = CookiePath;
            cookie.Cookie.HttpOnly = true;
            // Only our own pages' requests carry it; the token endpoint checks the origin as well.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = false;
            // An API: no session is 401, not a redirect to a login page.
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });
        auth.AddOpenIdConnect(Scheme, options.DisplayName, oidc =>
        {
            oidc.SignInScheme = CookieScheme;
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
            oidc.CallbackPath = CallbackPath;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            // The code comes back on a top-level GET, which carries SameSite=Lax cookies: the round trip's
            // correlation and nonce cookies then work on plain http (development) as on https.
            oidc.ResponseMode = "query";
            oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.Scope.Clear();
            foreach (var scope in options.ScopesToAsk) oidc.Scope.Add(scope);
            // Providers release most claims at the userinfo endpoint; keep the ones the map reads.
            foreach (var type in claims.ClaimTypes.Distinct()) oidc.ClaimActions.MapJsonKey(type, type);
            oidc.Events.OnTicketReceived = context => MapClaimsAsync(context, claims);
            oidc.Events.OnRemoteFailure = context => ReturnWithErrorAsync(context, context.Properties?.RedirectUri, context.Failure?.Message);
        });
    }

    /// <summary>The session holds our claims only, as mapped; a refused identity gets no session.</summary>
    private static Task MapClaimsAsync(TicketReceivedContext context, ClaimMap claims)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<ChatLimits>>().Value;
        if (claims.TryMap(context.Principal!, limits, CookieScheme, out var mapped, out var refusal))
        {
            context.Principal = mapped;
            return Task.CompletedTask;
        }
        // Failing a received ticket would still sign it in: answer the browser here instead.
        return ReturnWithErrorAsync(context, context.ReturnUri, $"The account is refused: {refusal}.");
    }

    /// <summary>Back to the page that asked, which shows why (<c>#signin-error=</c>), with no session.</summary>
    private static Task ReturnWithErrorAsync<TOptions>(HandleRequestContext<TOptions> context, string? returnUrl, string? error)
        where TOptions : RemoteAuthenticationOptions
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
            .LogWarning("OpenID Connect sign-in failed: {Error}", error);
        context.Response.Redirect($"{LocalReturnUrl.OrDefault(returnUrl)}#signin-error={Uri.EscapeDataString(error ?? "unknown")}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
