using System.Globalization;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Scenarios.Tracing;

/// <summary>
/// The cost of end-to-end tracing: the same send-heavy load at a fixed rate against a fresh embedded OrleansChat for
/// each sample ratio (<c>Chat:Tracing:SampleRatio</c>), every recorded span exported over OTLP/HTTP to a receiver on
/// loopback, and without an OTLP endpoint (no span recorded); the servers' CPU per 1,000 messages sent, latency and loss
/// compared.
/// </summary>
public static class TracingScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<IReadOnlyList<TracingResult>> RunAsync(TracingSettings settings, string logDirectory, TextWriter log)
    {
        var results = new List<TracingResult>();
        foreach (var ratio in TracingSettings.SampleRatios) results.Add(await RunAsync(settings, ratio, logDirectory, log));
        return results;
    }

    private static async Task<TracingResult> RunAsync(TracingSettings settings, double? ratio, string logDirectory, TextWriter log)
    {
        await using var sink = await OtlpSink.StartAsync();
        var exported = ratio is null ? new Dictionary<string, string>() : new Dictionary<string, string>
        {
            ["Chat:Tracing:SampleRatio"] = ratio.Value.ToString(CultureInfo.InvariantCulture),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        await using var system = await ChatSystem.StartEmbeddedAsync(logDirectory, sharedSettings: exported);
        var name = ratio is { } r ? $"sample ratio {r.ToString(CultureInfo.InvariantCulture)}" : "no OTLP endpoint";
        await using var load = new ChatLoad(system, settings.Shape, system.Client);
        await load.PrepareAsync();
        log.WriteLine($"[tracing] {name}: opening {settings.Connections} connections in {settings.Rooms} rooms");
        var (failed, error) = await load.ConnectAsync();
        if (failed > 0) log.WriteLine($"[tracing] {failed} connections failed: {error}");
        // Warms both ends (JIT, pools, the exporter's batches) at the measured rate; not reported.
        await RateStep.RunAsync(load, 1, "warm-up", settings.DeliveriesPerSecond, TimeSpan.FromSeconds(3), settings.Drain);
        await Task.Delay(Settle);

        var cpu = ProcessCpu.Seconds(system.ProcessIds);
        var exports = (sink.TraceExports, sink.TraceBytes);
        var step = await RateStep.RunAsync(load, 2, name, settings.DeliveriesPerSecond, settings.StepDuration, settings.Drain);
        var cpuSeconds = ProcessCpu.Seconds(system.ProcessIds) - cpu;
        var sends = Math.Max(1.0, (double)step.ExpectedDeliveries / settings.Shape.MembersPerRoom);
        var result = new TracingResult(ratio, settings.Connections - failed, step, 1000 * cpuSeconds / sends,
            sink.TraceExports - exports.TraceExports, sink.TraceBytes - exports.TraceBytes);
        log.WriteLine($"[tracing] {name}: p50 {step.P50:F1} p99 {step.P99:F1} ms, lost {step.LostDeliveries}, " +
                      $"{result.CpuSecondsPer1000Sends:F3} CPU s per 1,000 sends, {result.TraceExports} trace exports ({result.TraceBytes / 1024.0:N0} KB)");
        return result;
    }
}
