using System.Diagnostics;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Scenarios.Transport;

/// <summary>
/// The seed's question, measured: the same rooms, members and message rate delivered over SignalR's three
/// transports and by REST polling, one after another against the same OrleansChat. Each is measured idle (what
/// merely staying connected costs) and over a fixed window that holds the sends and the wait for the last delivery,
/// so polling's cost between messages counts as it does in production.
/// </summary>
public static class TransportScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>The warm-up has waited for its last delivery already: a moment for the servers' queues is enough.</summary>
    private static readonly TimeSpan AfterWarmUp = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<TransportResult>> RunAsync(ISystemUnderTest system, TransportSettings settings, TextWriter log)
    {
        var results = new List<TransportResult>();
        IReadOnlyList<string?>? signedIn = null;
        foreach (var kind in TransportSettings.Kinds)
        {
            var (result, tokens) = await RunAsync(system, kind, settings, signedIn, log);
            results.Add(result);
            // The same users in the same rooms for every kind: signed in once.
            signedIn = tokens;
        }
        return results;
    }

    private static async Task<(TransportResult Result, IReadOnlyList<string?> Tokens)> RunAsync(
        ISystemUnderTest system, ClientKind kind, TransportSettings settings, IReadOnlyList<string?>? signedIn, TextWriter log)
    {
        var shape = new LoadShape(settings.Connections, settings.Rooms);
        await using var load = new ChatLoad(system, shape, kind);
        await load.PrepareAsync(signedIn);
        log.WriteLine($"[transports] opening {shape.Connections} {kind.Name} connections");
        var (failed, error) = await load.ConnectAsync();
        await Task.Delay(Settle);

        var idle = Window.Start(system, load);
        await Task.Delay(settings.IdleWindow);
        var (idleCpu, idleRequests, _, idleSeconds) = idle.Stop();

        // Warms both ends (JIT, pools) at the measured rate; not reported.
        await RateStep.RunAsync(load, 1, "warm-up", settings.DeliveriesPerSecond, TimeSpan.FromSeconds(3), settings.Drain);
        await Task.Delay(AfterWarmUp);

        var window = Window.Start(system, load);
        var step = await RateStep.RunAsync(load, 2, $"{kind.Name} {settings.DeliveriesPerSecond:N0}/s", settings.DeliveriesPerSecond, settings.StepDuration, settings.Drain);
        var fixedWindow = settings.StepDuration + settings.Drain;
        if (window.Elapsed < fixedWindow) await Task.Delay(fixedWindow - window.Elapsed);
        var (cpu, requests, bytes, seconds) = window.Stop();

        var delivered = Math.Max(1, step.ReceivedDeliveries - step.Duplicates);
        var result = new TransportResult(kind, shape.Connections - failed, error, 100 * idleCpu / idleSeconds, idleRequests / idleSeconds, step,
            1000 * cpu / delivered, requests / seconds, (double)bytes / delivered, load.Traffic.SendRetries);
        log.WriteLine($"[transports] {kind.Name}: {result.ConnectionsOpened} open{(error is null ? "" : $" ({failed} failed: {error})")}; idle CPU {result.IdleCpuPercent:F1} %, " +
                      $"{result.IdleRequestsPerSecond:N0} requests/s; under load {result.CpuSecondsPer1000Deliveries:F3} CPU s per 1,000 delivered, {result.RequestsPerSecond:N0} requests/s, " +
                      $"{result.BytesPerDelivery:N0} B per delivery, p50 {step.P50:F1} p99 {step.P99:F1} ms, lost {step.LostDeliveries}, send retries {result.SendRetries}");
        return (result, load.Tokens);
    }

    /// <summary>Server CPU, HTTP requests and loopback bytes since it started.</summary>
    private sealed class Window(ISystemUnderTest system, ChatLoad load, double cpu, long requests, long bytes, Stopwatch clock)
    {
        public static Window Start(ISystemUnderTest system, ChatLoad load) =>
            new(system, load, ProcessCpu.Seconds(system.ProcessIds), load.Traffic.Requests, LoopbackTraffic.Bytes(), Stopwatch.StartNew());

        public TimeSpan Elapsed => clock.Elapsed;

        public (double CpuSeconds, long Requests, long Bytes, double Seconds) Stop() =>
            (ProcessCpu.Seconds(system.ProcessIds) - cpu, load.Traffic.Requests - requests, LoopbackTraffic.Bytes() - bytes, clock.Elapsed.TotalSeconds);
    }
}
