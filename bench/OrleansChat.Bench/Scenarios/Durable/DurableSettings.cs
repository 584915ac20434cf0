namespace OrleansChat.Bench.Scenarios.Durable;

/// <summary>The durable benchmark's knobs.</summary>
public sealed record DurableSettings(int Rooms, int SendersAcrossRooms, int SendersSingleRoom, TimeSpan WarmUp, TimeSpan Duration)
{
    public static DurableSettings Full { get; } = new(100, 800, 400, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));

    public static DurableSettings Quick { get; } = new(100, 800, 400, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
}
