using System.Text.Json;
using OrleansChat.Testing;

namespace OrleansChat.Partitions.Traffic;

/// <summary>The <see cref="TrafficGenerator"/> as a process on the clients' host: started, told to stop, its report read.</summary>
public sealed class TrafficProcess : IAsyncDisposable
{
    private readonly HelperProcess _helper;
    private readonly string _directory;

    private TrafficProcess(HelperProcess helper, string directory)
    {
        _helper = helper;
        _directory = directory;
    }

    private string ReportPath => Path.Combine(_directory, "report.json");

    /// <summary>Starts it and waits until every member has joined its room.</summary>
    public static async Task<TrafficProcess> StartAsync(NetworkHost host, TrafficSettings settings, TimeSpan patience)
    {
        var directory = Directory.CreateTempSubdirectory("orleanschat-traffic-").FullName;
        try
        {
            var settingsPath = Path.Combine(directory, "settings.json");
            await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(settings, TrafficMember.Json));
            return new TrafficProcess(await HelperProcess.StartAsync(host, patience, "traffic", settingsPath, Path.Combine(directory, "report.json")), directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the sending, waits for the generator to finish what is in flight, and returns what it saw.</summary>
    public async Task<TrafficReport> StopAsync(TimeSpan patience)
    {
        var process = _helper.Process;
        await process.StandardInput.WriteLineAsync(TrafficGenerator.Stop);
        await process.StandardInput.FlushAsync();
        using var cancel = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0 || !File.Exists(ReportPath))
        {
            throw new InvalidOperationException($"The traffic generator exited with {process.ExitCode} and no report:\n{_helper.Output()}");
        }
        return JsonSerializer.Deserialize<TrafficReport>(await File.ReadAllTextAsync(ReportPath), TrafficMember.Json)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _helper.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
