using System.Diagnostics;
using System.Text;
using OrleansChat.Testing;

namespace OrleansChat.Partitions;

/// <summary>
/// This assembly run as a program (Program.cs) on a host of the test network: the traffic generator or a packet
/// delay. It counts as started once it prints <see cref="Ready"/>; what else it prints is kept for failure messages.
/// </summary>
public sealed class HelperProcess : IAsyncDisposable
{
    public const string Ready = "ready";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private HelperProcess(Process process, StringBuilder output)
    {
        _process = process;
        _output = output;
    }

    public Process Process => _process;

    public static async Task<HelperProcess> StartAsync(NetworkHost host, TimeSpan patience, params string[] arguments)
    {
        var start = new ProcessStartInfo("ip", [.. host.Exec, "dotnet", typeof(HelperProcess).Assembly.Location, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {arguments[0]}.");
        var output = new StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == Ready) ready.TrySetResult();
            else if (line.Data is not null) lock (output) output.AppendLine(line.Data);
        };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var helper = new HelperProcess(process, output);
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(patience)) != ready.Task)
        {
            var printed = helper.Output();
            await helper.DisposeAsync();
            throw new InvalidOperationException($"{arguments[0]} on {host.Name} was not ready within {patience}:\n{printed}");
        }
        return helper;
    }

    /// <summary>What it printed besides its ready line: its errors, if any.</summary>
    public string Output()
    {
        lock (_output) return _output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
