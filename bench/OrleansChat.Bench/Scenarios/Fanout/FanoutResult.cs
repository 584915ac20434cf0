using OrleansChat.Bench.Load;

namespace OrleansChat.Bench.Scenarios.Fanout;

/// <summary>One system's fan-out measurements.</summary>
public sealed record FanoutResult(
    string System,
    int ConnectionsAsked,
    int ConnectionsOpened,
    string? ConnectError,
    double IdleBytesPerConnection,
    long WebNodeBytesBefore,
    long WebNodeBytesAfter,
    IReadOnlyList<StepResult> FixedSteps,
    IReadOnlyList<StepResult> SaturationSteps,
    int ConnectionsClosedDuringRun,
    int JoinRetries)
{
    /// <summary>The best delivery rate seen in any step: throughput at saturation.</summary>
    public double MaxDeliveriesPerSecond => FixedSteps.Concat(SaturationSteps).Select(s => s.AchievedDeliveriesPerSecond).DefaultIfEmpty(0).Max();

    /// <summary>The highest target rate sustained with nothing lost (achieved within 5% of the target).</summary>
    public int MaxLosslessTarget => FixedSteps.Concat(SaturationSteps)
        .Where(s => s.NothingLost && s.AchievedDeliveriesPerSecond >= 0.95 * s.TargetDeliveriesPerSecond)
        .Select(s => s.TargetDeliveriesPerSecond).DefaultIfEmpty(0).Max();
}
