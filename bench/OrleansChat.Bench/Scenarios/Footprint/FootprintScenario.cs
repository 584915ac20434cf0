using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Scenarios.Footprint;

/// <summary>
/// The memory side of the scaling model (docs/scaling.md): in cluster mode, so that the silo and the web node are
/// measured apart, rooms are made active (created, with a window of messages) and then users come online, each step
/// measured as resident memory after a full GC of both processes.
/// </summary>
public static class FootprintScenario
{
    private const int Parallelism = 32;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<FootprintResult> RunAsync(FootprintSettings settings, string logDirectory, TextWriter log)
    {
        await using var system = await ChatSystem.StartClusterAsync(logDirectory, webNodes: 1);
        // One user and one room first, so that what is measured after is rooms and users, not the first call's warm-up.
        await ActivateRoomsAsync(system, "footprint-warm-up", 1, settings.MessagesPerRoom);
        var (silo0, web0) = await MeasureAsync(system);

        log.WriteLine($"[footprint] making {settings.Rooms:N0} rooms active with {settings.MessagesPerRoom} messages each");
        await ActivateRoomsAsync(system, "footprint", settings.Rooms, settings.MessagesPerRoom);
        var (silo1, web1) = await MeasureAsync(system);

        log.WriteLine($"[footprint] bringing {settings.Users:N0} users online, a connection each");
        var online = await SignedInConnections.OpenAsync(system, "bench-online", settings.Users);
        try
        {
            var (silo2, web2) = await MeasureAsync(system);
            var result = new FootprintResult(settings, (silo1 - silo0) / (double)settings.Rooms, (web1 - web0) / (double)settings.Rooms,
                (silo2 - silo1) / (double)settings.Users, (web2 - web1) / (double)settings.Users);
            log.WriteLine($"[footprint] per active room: silo {result.SiloBytesPerRoom / 1024:F1} KB, web {result.WebBytesPerRoom / 1024:F1} KB; " +
                          $"per online user: silo {result.SiloBytesPerUser / 1024:F1} KB, web {result.WebBytesPerUser / 1024:F1} KB");
            return result;
        }
        finally
        {
            foreach (var (connection, _) in online) await connection.DisposeAsync();
        }
    }

    private static async Task<(long Silo, long Web)> MeasureAsync(ChatSystem system) =>
        (await system.SiloBytesAfterGcAsync(), await system.ConnectionHolderBytesAsync());

    /// <summary>Each room's own owner creates it and sends its messages over REST, under the per-user allowance.</summary>
    private static Task ActivateRoomsAsync(ChatSystem system, string prefix, int rooms, int messages) =>
        Parallel.ForAsync(0, rooms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var roomId = $"{prefix}-{i}";
            var token = await system.SignInAsync(Http, $"{prefix}-owner-{i}");
            await system.CreateRoomAsync(Http, token, roomId);
            for (var m = 1; m <= messages; m++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.BaseAddress, $"/api/rooms/{roomId}/messages"))
                {
                    Content = JsonContent.Create(new { clientMessageId = $"{roomId}-{m}", text = ProbeText.Create(m) }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await Http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        });
}
