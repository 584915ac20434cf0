using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// The embedded system for browser tests: a silo and one web node on a fixed loopback port, so that the node can
/// be replaced by a new one on the same address (a restart, as the browser sees it). The <c>demo</c> site allows
/// the node's own origin, <c>http://127.0.0.1:{port}</c>, and <see cref="EmbeddingOrigin"/>.
/// </summary>
public sealed class WidgetSystem : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> SystemSettings = new() { ["Chat:Rooms:TypingTimeout"] = "00:00:03" };

    private readonly string _dataDirectory;
    private readonly Dictionary<string, string?> _webSettings;
    private readonly int _port;

    /// <param name="port">Chosen once the silo holds its own ports, so that it cannot be one of them.</param>
    /// <param name="moreSettings">The web node's settings besides these.</param>
    private WidgetSystem(TestSilo silo, string dataDirectory, int port, IReadOnlyDictionary<string, string?> moreSettings)
    {
        Silo = silo;
        _dataDirectory = dataDirectory;
        _port = port;
        Origin = $"http://127.0.0.1:{port}";
        _webSettings = new Dictionary<string, string?>(SystemSettings)
        {
            ["Chat:Sites:demo:AllowedOrigins:0"] = Origin,
            ["Chat:Sites:demo:AllowedOrigins:1"] = EmbeddingOrigin,
        };
        foreach (var (key, value) in moreSettings) _webSettings[key] = value;
    }

    public TestSilo Silo { get; }

    public TestWebNode Web { get; private set; } = null!;

    /// <summary>The web node's origin, the one the demo site allows.</summary>
    public string Origin { get; }

    /// <summary>A customer's site on another origin that embeds the widget from us; the demo site allows it.</summary>
    public const string EmbeddingOrigin = "http://shop.test";

    /// <summary>The same server under another name: another origin, which the demo site does not allow.</summary>
    public string OtherOrigin => $"http://localhost:{_port}";

    /// <summary>An HTTP client signed in through the dev login as one of the demo site's team, as its setup would be done over REST.</summary>
    public async Task<HttpClient> TeamClientAsync(string userId, string role, string? displayName = null)
    {
        var http = Web.CreateHttpClient();
        var login = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = displayName ?? userId, role, siteId = "demo" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <param name="supportBot">Whether the assistant answers visitors first (on the silo, where the bot runs); most tests are about people chatting.</param>
    /// <param name="moreWebSettings">The web node's settings besides the system's.</param>
    /// <param name="moreSiloSettings">The silo's settings besides these (e.g. <c>Chat:Email</c>, which the silo sends).</param>
    public static async Task<WidgetSystem> StartAsync(
        bool supportBot, IReadOnlyDictionary<string, string?> moreWebSettings, IReadOnlyDictionary<string, string?>? moreSiloSettings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleanschat-browser-").FullName;
        var siloSettings = new Dictionary<string, string?>(SystemSettings) { ["Chat:Ai:SupportBot"] = supportBot ? "true" : "false" };
        foreach (var (key, value) in moreSiloSettings ?? new Dictionary<string, string?>()) siloSettings[key] = value;
        var silo = new TestSilo(dataDirectory, siloSettings);
        await silo.StartAsync();
        var system = new WidgetSystem(silo, dataDirectory, FreeLoopbackPort(), moreWebSettings);
        system.Web = system.StartWebNode();
        return system;
    }

    /// <summary>Stops the web node; the caller does things while it is down, then <see cref="StartWebNodeAgain"/>.</summary>
    public async Task StopWebNodeAsync() => await Web.DisposeAsync();

    public void StartWebNodeAgain() => Web = StartWebNode();

    private TestWebNode StartWebNode() => new(_dataDirectory, Silo.GatewayPort, _webSettings, _port);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Silo.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
