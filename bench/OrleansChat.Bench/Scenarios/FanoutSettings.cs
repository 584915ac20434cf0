namespace OrleansChat.Bench.Scenarios;

/// <summary>The fan-out benchmark's knobs; <see cref="Quick"/> is the smoke-test size.</summary>
public sealed record FanoutSettings(
    int Connections,
    int Rooms,
    int[] FixedRates,
    int SaturationStart,
    int SaturationSteps,
    TimeSpan StepDuration,
    TimeSpan Drain)
{
    public static FanoutSettings Full { get; } =
        new(5_000, 100, [2_000, 10_000], 20_000, 5, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10));

    public static FanoutSettings Quick { get; } =
        new(1_000, 20, [2_000, 10_000], 20_000, 3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
}
