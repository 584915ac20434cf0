using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;

namespace OrleansChat.Bench.Scenarios.Fanout;

/// <summary>
/// One system under the chat load: idle memory per connection, the fixed delivery rates the design names, then
/// doubling rates until throughput stops growing or messages are lost.
/// </summary>
public static class FanoutScenario
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<FanoutResult> RunAsync(ISystemUnderTest system, FanoutSettings settings, TextWriter log)
    {
        var shape = new LoadShape(settings.Connections, settings.Rooms);
        await using var load = new ChatLoad(system, shape, system.Client);
        log.WriteLine($"[{system.Name}] signing in {shape.Connections} users, creating {shape.Rooms} rooms");
        await load.PrepareAsync();
        await Task.Delay(Settle);
        var before = await system.ConnectionHolderBytesAsync();

        log.WriteLine($"[{system.Name}] opening {shape.Connections} {system.Client.Name} connections");
        var (failed, error) = await load.ConnectAsync();
        await Task.Delay(Settle);
        var after = await system.ConnectionHolderBytesAsync();
        var opened = shape.Connections - failed;
        log.WriteLine($"[{system.Name}] {opened} open ({failed} failed, {load.Traffic.JoinRetries} joins retried{(error is null ? "" : ": " + error)}); " +
                      $"server RSS {before / 1048576.0:F1} -> {after / 1048576.0:F1} MiB");

        // Warms up both ends (JIT, activations, pools) at the lowest rate; not reported.
        var step = 0;
        if (settings.FixedRates.Length > 0) await RateStep.RunAsync(load, ++step, "warm-up", settings.FixedRates.Min(), TimeSpan.FromSeconds(3), settings.Drain);
        var fixedSteps = new List<StepResult>();
        foreach (var rate in settings.FixedRates)
        {
            fixedSteps.Add(await RunStepAsync(load, ++step, $"fixed {rate:N0}/s", rate, settings.StepDuration, settings.Drain, system.Name, log));
        }

        var saturation = new List<StepResult>();
        var target = settings.SaturationStart;
        for (var i = 0; i < settings.SaturationSteps; i++, target *= 2)
        {
            var result = await RunStepAsync(load, ++step, $"saturation {target:N0}/s", target, settings.SaturationStepDuration, settings.Drain, system.Name, log);
            saturation.Add(result);
            var grew = saturation.Count < 2 || result.AchievedDeliveriesPerSecond > 1.1 * saturation[^2].AchievedDeliveriesPerSecond;
            if (!grew || result.AchievedDeliveriesPerSecond < 0.8 * target || result.LostDeliveries > 0) break;
        }

        return new FanoutResult(system.Name, shape.Connections, opened, error, opened == 0 ? 0 : (double)(after - before) / opened,
            before, after, fixedSteps, saturation, load.Closed, load.Traffic.JoinRetries);
    }

    private static async Task<StepResult> RunStepAsync(ChatLoad load, int step, string label, int rate, TimeSpan duration, TimeSpan drain, string name, TextWriter log)
    {
        var stalls = GeneratorStalls.Now();
        var result = await RateStep.RunAsync(load, step, label, rate, duration, drain);
        log.WriteLine($"[{name}] {label}: {result.AchievedDeliveriesPerSecond:N0}/s delivered, lost {result.LostDeliveries} on {result.ConnectionsMissingMessages} connections, {result.Duplicates} duplicates " +
                      $"(send errors {result.SendErrors}, unsent {result.Unsent}), p50 {result.P50:F1} p99 {result.P99:F1} max {result.Max:F1} ms; {GeneratorStalls.Now().Since(stalls)}");
        // Lets queues empty before the next rate.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return result;
    }
}
