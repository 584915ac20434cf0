using System.ComponentModel;
using System.Diagnostics;
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

    /// <summary>
    /// Starts Azurite on a free port. The port is free when chosen, but another process (a test's server) can take
    /// it before Azurite binds it: Azurite then exits, and it is started again on another port.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var server = Start(FreePort.Next());
            if (await server.WaitListeningAsync(lastAttempt: attempt == attempts)) return server;
        }
    }

    private static AzuriteServer Start(int port)
    {
        var program = RepositoryDirectory.PathOf("tests", "azurite", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException("Azurite needs its npm packages: run `cd tests/azurite && npm ci` (eng/test.sh does this when they are missing).");
        }
        var location = Directory.CreateTempSubdirectory("orleanschat-azurite-").FullName;
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
        try
        {
            return new AzuriteServer(Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite."), location, port);
        }
        catch (Win32Exception missing)
        {
            Directory.Delete(location, recursive: true);
            throw new InvalidOperationException("Azurite needs Node.js 20 or later on the path (apt-get install nodejs npm).", missing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }

    /// <summary>
    /// True once this Azurite answers on its port (an answer from Azurite itself, not from whatever else may listen
    /// there); false when it exited first, unless <paramref name="lastAttempt"/>, which fails with its output.
    /// </summary>
    private async Task<bool> WaitListeningAsync(bool lastAttempt)
    {
        _process.OutputDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.ErrorDataReceived += (_, line) => { lock (_output) _output.AppendLine(line.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Patience;
        while (!_process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var answer = await http.GetAsync($"http://127.0.0.1:{_port}/{Account}?comp=list");
                if (answer.Headers.Server.ToString().Contains("Azurite", StringComparison.OrdinalIgnoreCase)) return true;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        var exited = _process.HasExited;
        await DisposeAsync();
        if (exited && !lastAttempt) return false;
        string output;
        lock (_output) output = _output.ToString();
        throw new InvalidOperationException($"Azurite did not answer on 127.0.0.1:{_port} within {Patience}:\n{output}");
    }
}
