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

    public IReadOnlyDictionary<string, string?> WebSettings => Provider.SignInSettings(DisplayName);

    public async Task InitializeAsync() => Provider = await OidcProvider.StartAsync(new Dictionary<string, object>
    {
        ["agent-olga"] = new { name = "Olga", role = new[] { OidcProvider.AgentRole }, site = "demo" },
    });

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
