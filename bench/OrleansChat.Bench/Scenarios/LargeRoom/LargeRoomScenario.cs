using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Scenarios.Fanout;

namespace OrleansChat.Bench.Scenarios.LargeRoom;

/// <summary>
/// One room that everyone is in: each message goes to every member, so the room's fan-out, not the number of rooms,
/// is what is measured. In cluster mode, first with every member on one web node, then with the members split over
/// two web nodes (the room tells each node once, and each node its own members).
/// </summary>
public static class LargeRoomScenario
{
    public static async Task<IReadOnlyList<FanoutResult>> RunAsync(FanoutSettings settings, string logDirectory, TextWriter log)
    {
        var results = new List<FanoutResult>();
        foreach (var webNodes in new[] { 1, 2 })
        {
            await using var cluster = await ChatSystem.StartClusterAsync(logDirectory, webNodes);
            results.Add(await FanoutScenario.RunAsync(cluster, settings, log));
        }
        return results;
    }
}
