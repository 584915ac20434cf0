using OrleansChat.Testing;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// The test OpenID provider for a browser test class, knowing Olga, an agent of the <c>demo</c> site, and the web
/// node's settings to sign in with it.
/// </summary>
public sealed class AgentsProvider : IAsyncLifetime
{
    public const string DisplayName = "Test Provider";

    public OidcProvider Provider { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> WebSettings => new Dictionary<string, string?>
    {
        ["Chat:Auth:Oidc:Authority"] = Provider.Issuer,
        ["Chat:Auth:Oidc:ClientId"] = OidcProvider.ClientId,
        ["Chat:Auth:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
        ["Chat:Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Chat:Auth:Oidc:DisplayName"] = DisplayName,
        ["Chat:Auth:Oidc:Scopes:0"] = "openid",
        ["Chat:Auth:Oidc:Scopes:1"] = "profile",
        ["Chat:Auth:Oidc:Scopes:2"] = "chat",
        ["Chat:Auth:Oidc:Claims:Roles:agent:0"] = "support-team",
    };

    public async Task InitializeAsync() => Provider = await OidcProvider.StartAsync(new Dictionary<string, object>
    {
        ["agent-olga"] = new { name = "Olga", role = new[] { "support-team" }, site = "demo" },
    });

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
