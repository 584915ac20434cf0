using System.Diagnostics;
using System.Text;
using System.Text.Json;
using OrleansChat.Testing;

namespace OrleansChat.Partitions.Traffic;

/// <summary>The <see cref="TrafficGenerator"/> as a process on the clients' host: started, told to stop, its report read.</summary>
public sealed class TrafficProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log;

    private TrafficProcess(Process process, string directory, StringBuilder log)
    {
        _process = process;
        _directory = directory;
        _log = log;
    }

    private string ReportPath => Path.Combine(_directory, "report.json");

    /// <summary>Starts it and waits until every member has joined its room.</summary>
    public static async Task<TrafficProcess> StartAsync(NetworkHost host, TrafficSettings settings, TimeSpan patience)
    {
        var directory = Directory.CreateTempSubdirectory("orleanschat-traffic-").FullName;
        var settingsPath = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(settings, TrafficMember.Json));
        var start = new ProcessStartInfo("ip", [.. host.Exec, "dotnet", typeof(TrafficGenerator).Assembly.Location, "traffic", settingsPath, Path.Combine(directory, "report.json")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the traffic generator.");
        var log = new StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == TrafficGenerator.Ready) ready.TrySetResult();
            else if (line.Data is not null) lock (log) log.AppendLine(line.Data);
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var traffic = new TrafficProcess(process, directory, log);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(patience)) != ready.Task)
        {
            var output = traffic.ReadLog();
            await traffic.DisposeAsync();
            throw new InvalidOperationException($"The traffic generator did not get its members into their rooms within {patience}:\n{output}");
        }
        return traffic;
    }

    /// <summary>Stops the sending, waits for the generator to finish what is in flight, and returns what it saw.</summary>
    public async Task<TrafficReport> StopAsync(TimeSpan patience)
    {
        await _process.StandardInput.WriteLineAsync(TrafficGenerator.Stop);
        await _process.StandardInput.FlushAsync();
        using var cancel = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(cancel.Token);
        if (_process.ExitCode != 0 || !File.Exists(ReportPath))
        {
            throw new InvalidOperationException($"The traffic generator exited with {_process.ExitCode} and no report:\n{ReadLog()}");
        }
        return JsonSerializer.Deserialize<TrafficReport>(await File.ReadAllTextAsync(ReportPath), TrafficMember.Json)!;
    }

    /// <summary>What it wrote besides its ready line: its errors, if any.</summary>
    public string ReadLog()
    {
        lock (_log) return _log.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
