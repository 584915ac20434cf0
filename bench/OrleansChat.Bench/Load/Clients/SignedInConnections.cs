using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Bench.Hosting;

namespace OrleansChat.Bench.Load.Clients;

/// <summary>Users signed in with a WebSocket hub connection each, joined to nothing yet.</summary>
public static class SignedInConnections
{
    private const int Parallelism = 32;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The protocol feature the widget asks for: a storm of reactions pushed as the changes that hold its result.</summary>
    public const string CoalescedChanges = "coalesced-changes";

    /// <summary>
    /// Signs in <paramref name="count"/> users named <c>{userPrefix}-{i}</c> and opens a connection for each, asking for
    /// the protocol's optional <paramref name="features"/> if any.
    /// </summary>
    public static async Task<(HubConnection Connection, string? Token)[]> OpenAsync(ChatSystem system, string userPrefix, int count, string? features = null)
    {
        var hub = new Uri(system.BaseAddress, features is null ? "/hubs/chat" : $"/hubs/chat?features={features}");
        var opened = new (HubConnection, string?)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var token = await system.SignInAsync(Http, $"{userPrefix}-{i}");
            var connection = new HubConnectionBuilder()
                .WithUrl(hub, HttpTransportType.WebSockets, options =>
                {
                    options.SkipNegotiation = true;
                    options.AccessTokenProvider = () => Task.FromResult(token);
                })
                .Build();
            // As the load's members: a busy 2-core box can starve pings for a while.
            connection.ServerTimeout = TimeSpan.FromSeconds(120);
            await connection.StartAsync();
            opened[i] = (connection, token);
        });
        return opened;
    }
}
