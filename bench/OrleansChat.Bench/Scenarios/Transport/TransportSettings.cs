using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Scenarios.Transport;

/// <summary>The transports benchmark's knobs: one chat load at one fixed rate, carried by each way of connecting.</summary>
public sealed record TransportSettings(int Connections, int Rooms, int DeliveriesPerSecond, TimeSpan StepDuration, TimeSpan Drain, TimeSpan IdleWindow)
{
    public static IReadOnlyList<ClientKind> Kinds { get; } =
    [
        ClientKind.WebSockets, ClientKind.ServerSentEvents, ClientKind.LongPolling,
        ClientKind.RestPolling(TimeSpan.FromSeconds(1)), ClientKind.RestPolling(TimeSpan.FromSeconds(5)),
    ];

    public static TransportSettings Full { get; } =
        new(5_000, 100, 2_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(5));

    public static TransportSettings Quick { get; } =
        new(1_000, 20, 1_000, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3));
}
