namespace OrleansChat.Bench.Scenarios.Fanout;

/// <summary>
/// The fan-out benchmark's knobs; <see cref="Quick"/> is the smoke-test size. The fixed rates, whose tails are targets,
/// run longer than the saturation steps, which only look for the best throughput.
/// </summary>
public sealed record FanoutSettings(
    int Connections,
    int Rooms,
    int[] FixedRates,
    int SaturationStart,
    int SaturationSteps,
    TimeSpan StepDuration,
    TimeSpan SaturationStepDuration,
    TimeSpan Drain)
{
    public static FanoutSettings Full { get; } =
        new(5_000, 100, [2_000, 10_000], 20_000, 5, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));

    public static FanoutSettings Quick { get; } =
        new(1_000, 20, [2_000, 10_000], 20_000, 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    /// <summary>
    /// One room of 5,000 members: a message is 5,000 deliveries, so 10,000/s is two messages a second. No 2,000/s step:
    /// a message every 2.5 s measures a handful of messages, not a rate. The search for saturation starts at 40,000/s:
    /// one node and two keep up at 20,000/s alike, and the run's 20 minutes have no room for a step that tells nothing.
    /// </summary>
    public static FanoutSettings LargeRoom { get; } =
        new(5_000, 1, [10_000], 40_000, 2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));

    public static FanoutSettings QuickLargeRoom { get; } =
        new(1_000, 1, [10_000], 20_000, 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
}
