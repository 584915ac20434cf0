using OrleansChat.Bench.Load;

namespace OrleansChat.Bench.Scenarios.Tracing;

/// <summary>
/// What tracing costs: small rooms, so that the load is mostly sends (each send is a trace: the hub's grain call, the
/// room's turn, the log append, the relay), at a fixed rate, once per <see cref="SampleRatios"/> with every recorded
/// span exported over OTLP/HTTP to a receiver on loopback, and once with no OTLP endpoint (nothing recorded).
/// </summary>
public sealed record TracingSettings(int Connections, int Rooms, int DeliveriesPerSecond, TimeSpan StepDuration, TimeSpan Drain)
{
    /// <summary>
    /// Null: no OTLP endpoint, so the nodes record no span at all (a deployment that exports nothing); 0.01: the sampling
    /// a busy deployment would set; 1: everything (the default once an endpoint is set).
    /// </summary>
    public static IReadOnlyList<double?> SampleRatios { get; } = [null, 0.01, 1];

    public static TracingSettings Full { get; } = new(1_000, 200, 5_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    public static TracingSettings Quick { get; } = new(500, 100, 2_500, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3));

    public LoadShape Shape => new(Connections, Rooms);

    public double SendsPerSecond => (double)DeliveriesPerSecond / Shape.MembersPerRoom;
}
