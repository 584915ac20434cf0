using System.Diagnostics;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// One built server (`dotnet X.dll`) as a real process on a loopback port, with its settings as environment
/// variables and its output in a log file. Reads its resident memory from /proc for the idle-memory measure.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _name;
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _logPath;
    private Process? _process;

    public ServerProcess(string name, string project, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        _name = name;
        _assembly = BuiltProjects.Assembly(project);
        _settings = settings;
        _logPath = Path.Combine(logDirectory, $"{name}.log");
        BaseAddress = new Uri($"http://127.0.0.1:{OrleansChat.Testing.FreePort.Next()}");
    }

    public Uri BaseAddress { get; }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [_assembly, "--urls", BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
        };
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_name}.");
        _process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        _process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Resident memory after a full GC: what the process keeps alive, plus what the GC keeps committed.</summary>
    public async Task<long> ResidentBytesAfterGcAsync()
    {
        await RemoteGc.CollectAsync(_process!.Id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return ResidentBytes();
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in bytes: what the process holds in memory.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"{_name} exited with {_process.ExitCode}; see {_logPath}.");
            try
            {
                using var response = await Health.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{_name} was not healthy within {patience}; see {_logPath}.");
    }
}
