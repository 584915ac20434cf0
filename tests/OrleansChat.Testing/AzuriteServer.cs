using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansChat.Testing;

/// <summary>
/// Azurite's blob service (npm <c>azurite</c>, <c>tests/azurite</c>), the Azure Storage emulator, in a node process on
/// a free loopback port with its data in a temporary directory. Disposing it kills it and removes the data.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The development account every Azurite has; its key is public.</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _location;
    private readonly int _port;
    private readonly StringBuilder _output = new();

    private AzuriteServer(Process process, string location, int port)
    {
        _process = process;
        _location = location;
        _port = port;
    }

    /// <summary>A connection string for the Azure SDK, as Azure's portal or Aspire would give one.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{_port}/{Account};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var program = RepositoryDirectory.PathOf("tests", "azurite", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException("Azurite needs its npm packages: run `cd tests/azurite && npm ci` (eng/test.sh does this when they are missing).");
        }
        var location = Directory.CreateTempSubdirectory("orleanschat-azurite-").FullName;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", location,
            // Any SDK version's requests, and no access log or telemetry to the outside world.
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        }
        catch (Win32Exception missing)
        {
            Directory.Delete(location, recursive: true);
            throw new InvalidOperationException("Azurite needs Node.js 20 or later on the path (apt-get install nodejs npm).", missing);
        }
        var server = new AzuriteServer(process, location, port);
        await server.WaitListeningAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }

    private async Task WaitListeningAsync()
    {
        _process.OutputDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.ErrorDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + Patience;
        while (!_process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await DisposeAsync();
        string output;
        lock (_output) output = _output.ToString();
        throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{_port} within {Patience}:\n{output}");
    }
}
