using Microsoft.Extensions.Options;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Identity;

/// <summary>Says at start-up which ways in are open, so an operator sees at once what a deployment trusts.</summary>
internal sealed class SignInMethodsReport(
    IServiceProvider services,
    IOptions<ChatAuthOptions> auth,
    IReadOnlyDictionary<string, string> schemeOfIssuer,
    OidcSignInOptions oidc,
    ILogger<SignInMethodsReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var methods = new List<string> { $"tokens signed with the shared key (issuer '{auth.Value.Issuer}')" };
        methods.AddRange(schemeOfIssuer.Select(pair => $"tokens of {pair.Value} (issuer '{pair.Key}', checked by its keys)"));
        if (oidc.IsEnabled) methods.Add($"OpenID Connect sign-in with {oidc.DisplayName} ({oidc.Authority})");
        if (services.DevLoginEnabled()) methods.Add("development login for any user id (POST /api/auth/token)");
        logger.LogInformation("Sign-in methods: {Methods}.", string.Join("; ", methods));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
