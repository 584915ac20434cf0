using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansChat.Silo;
using OrleansChat.Testing;
using OrleansChat.Testing.Faults;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// A real silo in this process, wired as the silo project wires it (with stores that fail only as a test plans), on free loopback ports and a SQLite file in
/// the given directory. It can be stopped and started again on the same ports and file, as a restart would.
/// </summary>
public sealed class TestSilo(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    private IHost? _host;

    public int SiloPort { get; } = FreePort.Next();
    public int GatewayPort { get; } = FreePort.Next();

    public async Task StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chat:DataDirectory"] = dataDirectory,
            ["Chat:Silo:Port"] = SiloPort.ToString(),
            ["Chat:Silo:GatewayPort"] = GatewayPort.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseChatClustering(builder.Configuration).AddChatGrains(builder.Configuration).AddPlannedFaults(builder.Configuration));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
        _host = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
