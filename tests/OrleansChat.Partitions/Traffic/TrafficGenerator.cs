using System.Net.Http.Json;
using System.Text.Json;
using System.Net;

namespace OrleansChat.Partitions.Traffic;

/// <summary>
/// The steady traffic, run as its own process inside a network namespace of its own (<c>ip netns exec</c>), so that
/// it reaches the web nodes over the test network as clients of a real deployment do. Rooms each have members on
/// every web node; each member sends one message after another. It prints <c>ready</c> once every member has
/// joined, sends until a <c>stop</c> line arrives on its input, lets what is in flight finish, and writes its
/// <see cref="TrafficReport"/> as JSON.
/// </summary>
public static class TrafficGenerator
{
    public const string Stop = "stop";

    /// <summary>How long sends still in flight at the stop may keep retrying.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(2);

    /// <summary>How long pushes of the last messages may take to arrive.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string settingsPath, string reportPath)
    {
        var settings = JsonSerializer.Deserialize<TrafficSettings>(await File.ReadAllTextAsync(settingsPath), TrafficMember.Json)!;
        var nodes = settings.Nodes.Select(n => new Uri(n)).ToList();
        var attemptTimeout = TimeSpan.FromMilliseconds(settings.AttemptTimeoutMs);
        using var http = new HttpClient { BaseAddress = nodes[0], Timeout = attemptTimeout };
        var members = new List<TrafficMember>();
        for (var room = 0; room < settings.Rooms; room++)
        {
            var roomId = $"room-{room}";
            await CreateRoomAsync(http, roomId, await TokenAsync(http, $"owner-{room}"));
            for (var member = 0; member < settings.MembersPerRoom; member++)
            {
                var userId = $"user-{room}-{member}";
                members.Add(new TrafficMember(userId, roomId, await TokenAsync(http, userId), nodes[member % nodes.Count], attemptTimeout));
            }
        }
        await Task.WhenAll(members.Select(m => m.ConnectAsync()));
        Console.WriteLine(HelperProcess.Ready);

        using var stop = new CancellationTokenSource();
        var senders = members.Select(m => SendUntilAsync(m, TimeSpan.FromMilliseconds(settings.SendIntervalMs), stop.Token)).ToArray();
        while (await Console.In.ReadLineAsync() is { } line && line != Stop)
        {
            // Only the stop line means anything.
        }
        await stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(senders), Task.Delay(Drain));
        await Task.Delay(Settle);
        foreach (var member in members) await member.DisposeAsync();
        var report = new TrafficReport([.. members.SelectMany(m => m.Sends)], [.. members.SelectMany(m => m.Connections)]);
        await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(report, TrafficMember.Json));
    }

    private static async Task SendUntilAsync(TrafficMember member, TimeSpan interval, CancellationToken stop)
    {
        await Task.Delay(Random.Shared.Next((int)interval.TotalMilliseconds), CancellationToken.None);
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            await member.SendAsync($"{member.UserId} #{i}");
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId)
    {
        using var response = await RetryAsync(() => http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId, role = "member" }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task CreateRoomAsync(HttpClient http, string roomId, string ownerToken)
    {
        using var response = await RetryAsync(() => http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = JsonContent.Create(new { roomId, name = roomId, visibility = "public" }),
            Headers = { Authorization = new("Bearer", ownerToken) },
        }));
    }

    /// <summary>Set-up calls, retried while a freshly started cluster warms up.</summary>
    private static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await call();
                // A conflict: an earlier attempt that timed out here had created the room.
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return response;
                if (attempt == 10) return response.EnsureSuccessStatusCode();
                response.Dispose();
            }
            catch (Exception) when (attempt < 10)
            {
                // Not answering yet.
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
