using OrleansChat.Testing;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// A real OpenID provider and an embedded system that trusts it three ways: its tokens for <c>chat-api</c> by
/// discovery (authority <c>hostapp</c>, with a claim map), tokens of a partner whose keys it publishes (authority
/// <c>partner</c>, JWKS only, our claim names), and OpenID Connect sign-in. The provider knows an agent of the
/// <c>demo</c> site, a member, and an account whose user id is a visitor's.
/// </summary>
public sealed class IdentitySystem : IAsyncLifetime
{
    public const string HostAudience = "chat-api";
    public const string PartnerIssuer = "https://partner.example";
    public const string PartnerAudience = "orleanschat";
    public const string ProviderName = "Test Provider";

    public OidcProvider Provider { get; private set; } = null!;
    public ChatSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(new Dictionary<string, object>
        {
            ["agent-olga"] = new { name = "Olga", role = new[] { "staff", OidcProvider.AgentRole }, site = "demo" },
            ["member-max"] = new { name = "Max" },
            ["visitor:demo:v-0123456789abcdef0123456789abcdef"] = new { name = "Not a visitor" },
        });
        var settings = new Dictionary<string, string?>(Provider.SignInSettings(ProviderName))
        {
            ["Chat:Auth:Authorities:hostapp:Authority"] = Provider.Issuer,
            ["Chat:Auth:Authorities:hostapp:Audience"] = HostAudience,
            ["Chat:Auth:Authorities:hostapp:RequireHttpsMetadata"] = "false",
            ["Chat:Auth:Authorities:hostapp:Claims:UserId"] = "uid",
            ["Chat:Auth:Authorities:hostapp:Claims:Name"] = "nickname",
            ["Chat:Auth:Authorities:hostapp:Claims:Role"] = "groups",
            ["Chat:Auth:Authorities:hostapp:Claims:Roles:agent:0"] = "support-team",
            ["Chat:Auth:Authorities:hostapp:Claims:Roles:admin:0"] = "chat-admins",
            ["Chat:Auth:Authorities:hostapp:Claims:Site"] = "tenant",
            ["Chat:Auth:Authorities:partner:JwksUri"] = Provider.JwksUri,
            ["Chat:Auth:Authorities:partner:Issuer"] = PartnerIssuer,
            ["Chat:Auth:Authorities:partner:Audience"] = PartnerAudience,
            ["Chat:Auth:Authorities:partner:RequireHttpsMetadata"] = "false",
        };
        System = await ChatSystem.StartAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await System.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
