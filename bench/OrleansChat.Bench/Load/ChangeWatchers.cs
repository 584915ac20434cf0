using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Load;

/// <summary>
/// A sample of a room's members that count the changes (in <c>MessagesChanged</c> events) of one message they receive, to hold
/// against the changes the room acknowledged. The load's other members receive the same events but do not read
/// them: parsing every copy in the load generator would take the cores the server is measured on.
/// </summary>
public sealed class ChangeWatchers : IAsyncDisposable
{
    private readonly IReadOnlyList<HubConnection> _connections;
    private readonly long[] _received;

    private ChangeWatchers(IReadOnlyList<HubConnection> connections, long[] received)
    {
        _connections = connections;
        _received = received;
    }

    /// <summary>Joins each connection to the room and counts its changes to message <paramref name="seq"/>.</summary>
    public static async Task<ChangeWatchers> JoinAsync(IReadOnlyList<HubConnection> connections, string roomId, long seq)
    {
        var received = new long[connections.Count];
        for (var i = 0; i < connections.Count; i++)
        {
            var index = i;
            connections[i].On<WatchedChange[]>("MessagesChanged", changes =>
            {
                foreach (var change in changes)
                {
                    if (change.Seq == seq) Interlocked.Increment(ref received[index]);
                }
            });
            await connections[i].InvokeAsync<object>("JoinRoom", roomId, null);
        }
        return new ChangeWatchers(connections, received);
    }

    public int Count => _received.Length;

    /// <summary>The fewest changes any watcher has received.</summary>
    public long FewestReceived => Received().DefaultIfEmpty(0).Min();

    /// <summary>The changes received by all watchers together.</summary>
    public long TotalReceived => Received().Sum();

    /// <summary>
    /// Waits until every watcher has received <paramref name="expected"/> changes, or none arrived for
    /// <paramref name="quiet"/>: a server that is behind is still catching up, one that lost changes is not.
    /// </summary>
    public async Task WaitForAsync(long expected, TimeSpan quiet)
    {
        var total = TotalReceived;
        var lastProgress = DateTime.UtcNow;
        while (FewestReceived < expected && DateTime.UtcNow - lastProgress < quiet)
        {
            await Task.Delay(50);
            if (TotalReceived == total) continue;
            total = TotalReceived;
            lastProgress = DateTime.UtcNow;
        }
    }

    private IEnumerable<long> Received() => Enumerable.Range(0, _received.Length).Select(i => Interlocked.Read(ref _received[i]));

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    private sealed record WatchedChange(long Seq);
}
