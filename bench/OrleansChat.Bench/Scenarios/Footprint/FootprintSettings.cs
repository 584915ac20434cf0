namespace OrleansChat.Bench.Scenarios.Footprint;

/// <summary>
/// The footprint's sizes: <see cref="Rooms"/> rooms made active with <see cref="MessagesPerRoom"/> messages each (what
/// a room holds in its window), then <see cref="Users"/> users online, each with one connection.
/// </summary>
public sealed record FootprintSettings(int Rooms, int MessagesPerRoom, int Users)
{
    public static FootprintSettings Full { get; } = new(1_000, 20, 1_000);

    public static FootprintSettings Quick { get; } = new(200, 20, 200);
}
