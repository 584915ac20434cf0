using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansChat.Testing;

/// <summary>
/// A real OpenID provider (npm <c>oidc-provider</c>, <c>tests/oidc-provider/provider.mjs</c>) in a node process on a
/// free loopback port, with one client for web nodes' callbacks on any loopback port and the given accounts (login
/// name -> claims; any password). It also plays a host application that signs tokens with the provider's
/// published keys (<see cref="IssueTokenAsync"/>).
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "orleanschat-web";
    public const string ClientSecret = "test-client-secret";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OidcProvider(Process process) => _process = process;

    /// <summary>The provider's issuer (and base address), <c>http://127.0.0.1:{port}</c> without a trailing slash.</summary>
    public string Issuer { get; private set; } = "";

    public string JwksUri => Issuer + "/jwks";

    /// <summary>The <c>role</c> value that makes an account an agent in <see cref="SignInSettings"/>.</summary>
    public const string AgentRole = "support-team";

    /// <summary>A web node's settings for OpenID Connect sign-in with this provider, as <paramref name="displayName"/>.</summary>
    public Dictionary<string, string?> SignInSettings(string displayName) => new()
    {
        ["Chat:Auth:Oidc:Authority"] = Issuer,
        ["Chat:Auth:Oidc:ClientId"] = ClientId,
        ["Chat:Auth:Oidc:ClientSecret"] = ClientSecret,
        ["Chat:Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Chat:Auth:Oidc:DisplayName"] = displayName,
        ["Chat:Auth:Oidc:Scopes:0"] = "openid",
        ["Chat:Auth:Oidc:Scopes:1"] = "profile",
        ["Chat:Auth:Oidc:Scopes:2"] = "chat",
        ["Chat:Auth:Oidc:Claims:Roles:agent:0"] = AgentRole,
    };

    /// <param name="accounts">Login name -> claims besides <c>sub</c> (the login name), e.g. <c>{ name, role, site }</c>.</param>
    public static async Task<OidcProvider> StartAsync(object accounts)
    {
        var directory = RepositoryDirectory.PathOf("tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException(
                $"The test OpenID provider needs its npm packages: run `npm ci` in {directory} (eng/test.sh does this when they are missing).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "provider.mjs", "--client-id", ClientId, "--client-secret", ClientSecret,
            "--redirect-uri", "http://127.0.0.1/api/auth/oidc/callback", "--accounts", JsonSerializer.Serialize(accounts),
        })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException("The test OpenID provider needs Node.js 20 or later on the path (apt-get install nodejs npm).", missing);
        }
        var provider = new OidcProvider(process);
        await provider.WaitListeningAsync();
        return provider;
    }

    /// <summary>
    /// A JWT of <paramref name="claims"/> (<c>iat</c> and an hour's <c>exp</c> unless given) signed with the provider's
    /// RS256 or ES256 key, or with a key it does not publish under the same key id.
    /// </summary>
    public async Task<string> IssueTokenAsync(string alg, object claims, bool foreignKey = false)
    {
        using var response = await Http.PostAsJsonAsync(Issuer + "/test/tokens", new { alg, foreignKey, claims });
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"The provider signed no token: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its input ends it; kill it if it lingers.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitListeningAsync()
    {
        _process.ErrorDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lock (_output) _output.AppendLine(line);
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    Issuer = line["listening ".Length..].Trim();
                    // Nothing more is read: drain the rest so the process never blocks on a full pipe.
                    _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with its output.
        }
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        string output;
        lock (_output) output = _output.ToString();
        throw new InvalidOperationException($"The test OpenID provider did not start:\n{output}");
    }
}
