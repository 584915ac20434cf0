using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// The real web tier on Kestrel at 127.0.0.1 on a free port (or a given one, to stand in for a restarted node), as
/// an Orleans client of a <see cref="TestSilo"/>. Given <see cref="CapturedLogs"/>, they are its only log output.
/// </summary>
public sealed class TestWebNode : WebApplicationFactory<OrleansChat.Web.Hubs.ChatHub>
{
    private readonly string _dataDirectory;
    private readonly int _gatewayPort;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly CapturedLogs? _logs;

    public TestWebNode(string dataDirectory, int gatewayPort, IReadOnlyDictionary<string, string?>? settings = null, int port = 0, CapturedLogs? logs = null)
    {
        _dataDirectory = dataDirectory;
        _gatewayPort = gatewayPort;
        _settings = settings ?? new Dictionary<string, string?>();
        _logs = logs;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());
    }

    public Uri BaseAddress { get; }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Chat:DataDirectory", _dataDirectory);
        builder.UseSetting("Chat:Silo:GatewayPort", _gatewayPort.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_logs is not null) builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_logs));
        if (_settings.GetValueOrDefault(EarlierRelease.Setting) is { } missing)
        {
            var methods = missing.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            builder.ConfigureServices(services => services.AddSignalR(hub => hub.AddFilter(new EarlierRelease(methods))));
        }
    }
}
