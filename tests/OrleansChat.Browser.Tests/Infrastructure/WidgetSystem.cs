using System.Net;
using System.Net.Sockets;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// The embedded system for browser tests: a silo and one web node on a fixed loopback port, so that the node can
/// be replaced by a new one on the same address (a restart, as the browser sees it). The <c>demo</c> site allows
/// the node's own origin, <c>http://127.0.0.1:{port}</c>, and <see cref="EmbeddingOrigin"/>.
/// </summary>
public sealed class WidgetSystem : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("orleanschat-browser-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly int _port = FreeLoopbackPort();

    private WidgetSystem()
    {
        Origin = $"http://127.0.0.1:{_port}";
        _settings = new Dictionary<string, string?>
        {
            ["Chat:Sites:demo:AllowedOrigins:0"] = Origin,
            ["Chat:Sites:demo:AllowedOrigins:1"] = EmbeddingOrigin,
            ["Chat:Rooms:TypingTimeout"] = "00:00:03",
        };
        Silo = new TestSilo(_dataDirectory, _settings);
    }

    public TestSilo Silo { get; }

    public TestWebNode Web { get; private set; } = null!;

    /// <summary>The web node's origin, the one the demo site allows.</summary>
    public string Origin { get; }

    /// <summary>A customer's site on another origin that embeds the widget from us; the demo site allows it.</summary>
    public const string EmbeddingOrigin = "http://shop.test";

    /// <summary>The same server under another name: another origin, which the demo site does not allow.</summary>
    public string OtherOrigin => $"http://localhost:{_port}";

    public static async Task<WidgetSystem> StartAsync()
    {
        var system = new WidgetSystem();
        await system.Silo.StartAsync();
        system.Web = system.StartWebNode();
        return system;
    }

    /// <summary>Stops the web node; the caller does things while it is down, then <see cref="StartWebNodeAgain"/>.</summary>
    public async Task StopWebNodeAsync() => await Web.DisposeAsync();

    public void StartWebNodeAgain() => Web = StartWebNode();

    private TestWebNode StartWebNode() => new(_dataDirectory, Silo.GatewayPort, _settings, _port);

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
