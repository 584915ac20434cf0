using System.Diagnostics;

namespace OrleansChat.Testing;

/// <summary>
/// A project of this repository (a silo, a web node, a benchmark server) as a real process
/// (`dotnet X.dll` from its own build output) with its settings as environment variables, its HTTP endpoint on a
/// free loopback port, and its output kept in a log file. It counts as started once <c>/health</c> answers.
/// Kill it (SIGKILL) and start it again with the same settings. Placed on a <see cref="NetworkHost"/>, it runs in that
/// host's network namespace instead, listening on the host's address, and is asked for its health from inside it.
/// </summary>
public sealed class BuiltProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _assembly;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _logPath;
    private readonly NetworkHost? _host;
    private Process? _process;

    public BuiltProcess(string name, string project, IReadOnlyDictionary<string, string> settings, string logDirectory, NetworkHost? host = null)
    {
        Name = name;
        _assembly = BuiltAssembly(project);
        _settings = settings;
        _logPath = Path.Combine(logDirectory, $"{name}.log");
        _host = host;
        HttpPort = host?.HttpPort ?? FreePort.Next();
    }

    public string Name { get; }
    public int HttpPort { get; }
    public Uri BaseAddress => new($"http://{_host?.Address ?? "127.0.0.1"}:{HttpPort}");
    public bool IsRunning => _process is { HasExited: false };

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not started.");

    public async Task StartAsync(TimeSpan? patience = null)
    {
        _process = await LaunchAsync([_assembly, "--urls", BaseAddress.ToString()]);
        await WaitHealthyAsync(patience ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Runs a command of the program (e.g. <c>migrate</c>) with the same settings, and fails with its log unless it exits with 0.</summary>
    public async Task RunToExitAsync(params string[] arguments)
    {
        using var process = await LaunchAsync([_assembly, .. arguments]);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Name} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{ReadLog()}");
    }

    private async Task<Process> LaunchAsync(string[] arguments)
    {
        var start = new ProcessStartInfo(_host is null ? "dotnet" : "ip", _host is null ? arguments : [.. _host.Exec, "dotnet", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"==== {DateTime.UtcNow:O} starting {Name}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.WriteLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends: the host shuts down gracefully (a silo leaves the cluster).</summary>
    public async Task StopAsync()
    {
        if (!IsRunning) return;
        await ExternalProcess.RunAsync("kill", ["-TERM", ProcessId.ToString()]);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process!.WaitForExitAsync(patience.Token);
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning) Kill();
        _process?.Dispose();
        await Task.CompletedTask;
    }

    public string ReadLog() => File.Exists(_logPath) ? File.ReadAllText(_logPath) : "";

    private async Task WaitHealthyAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                // HasExited does not wait for the output still in the pipes: its last lines are often why it exited.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{ReadLog()}");
            }
            if (await IsHealthyAsync()) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not healthy within {patience}:\n{ReadLog()}");
    }

    private async Task<bool> IsHealthyAsync()
    {
        var health = new Uri(BaseAddress, "/health");
        try
        {
            if (_host is not null)
            {
                // Only the namespace reaches the host's address.
                await ExternalProcess.RunAsync("ip", [.. _host.Exec, "curl", "-sf", "-o", "/dev/null", "--max-time", "2", health.ToString()]);
                return true;
            }
            using var response = await Http.GetAsync(health);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // Not listening yet.
            return false;
        }
    }

    /// <summary>The project's own build output (under src/ or bench/), in the configuration the caller was built in.</summary>
    private static string BuiltAssembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var candidates = new[] { "src", "bench" }.Select(folder =>
            RepositoryDirectory.PathOf(folder, project, "bin", configuration, framework, $"{project}.dll")).ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"Build {project} first (eng/test.sh and eng/bench.sh do).", candidates[0]);
    }
}
