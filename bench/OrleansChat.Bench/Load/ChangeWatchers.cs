using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Load;

/// <summary>
/// A sample of a room's members that follow its changes (in <c>MessagesChanged</c> events) as a client does, to hold
/// against the changes the room acknowledged. They connected asking for coalesced changes, as the widget does, so
/// each keeps the README's cursor: a pushed change above it is accounted for when it follows on from it (directly, or
/// through <c>follows</c>); one that does not is a gap a client would have to fetch, and one at or below it a
/// duplicate. The load's other members receive the same events but do not read them: parsing every copy in the load
/// generator would take the cores the server is measured on.
/// </summary>
public sealed class ChangeWatchers : IAsyncDisposable
{
    private readonly IReadOnlyList<HubConnection> _connections;
    private readonly Watcher[] _watchers;

    private ChangeWatchers(IReadOnlyList<HubConnection> connections, Watcher[] watchers)
    {
        _connections = connections;
        _watchers = watchers;
    }

    /// <summary>Joins each connection to the room and follows its changes.</summary>
    public static async Task<ChangeWatchers> JoinAsync(IReadOnlyList<HubConnection> connections, string roomId)
    {
        var watchers = connections.Select(_ => new Watcher()).ToArray();
        for (var i = 0; i < connections.Count; i++)
        {
            var watcher = watchers[i];
            // SignalR runs a connection's handlers one at a time, in the order the events arrived.
            connections[i].On<WatchedChange[]>("MessagesChanged", changes =>
            {
                foreach (var change in changes) watcher.Follow(change);
            });
            await connections[i].InvokeAsync<object>("JoinRoom", roomId, null);
        }
        return new ChangeWatchers(connections, watchers);
    }

    public int Count => _watchers.Length;

    /// <summary>The lowest cursor of any watcher: every change up to it was pushed to each, or stood for.</summary>
    public long FewestAccountedFor => _watchers.Select(w => w.Cursor).DefaultIfEmpty(0).Min();

    /// <summary>The changes pushed to all watchers together.</summary>
    public long TotalPushed => _watchers.Sum(w => w.Pushed);

    /// <summary>Pushed changes that did not follow on from a watcher's cursor, or that it had already.</summary>
    public long GapsAndDuplicates => _watchers.Sum(w => w.GapsAndDuplicates);

    /// <summary>
    /// Waits until every watcher has accounted for change <paramref name="expected"/>, or none moved for
    /// <paramref name="quiet"/>: a server that is behind is still catching up, one that lost changes is not.
    /// </summary>
    public async Task WaitForAsync(long expected, TimeSpan quiet)
    {
        var total = TotalPushed;
        var lastProgress = DateTime.UtcNow;
        while (FewestAccountedFor < expected && DateTime.UtcNow - lastProgress < quiet)
        {
            await Task.Delay(50);
            if (TotalPushed == total) continue;
            total = TotalPushed;
            lastProgress = DateTime.UtcNow;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    private sealed class Watcher
    {
        private long _cursor;
        private long _pushed;
        private long _gapsAndDuplicates;

        public long Cursor => Interlocked.Read(ref _cursor);
        public long Pushed => Interlocked.Read(ref _pushed);
        public long GapsAndDuplicates => Interlocked.Read(ref _gapsAndDuplicates);

        public void Follow(WatchedChange change)
        {
            Interlocked.Increment(ref _pushed);
            var followsOn = (change.Follows ?? change.ChangeSeq - 1) <= _cursor;
            if (change.ChangeSeq > _cursor && followsOn) Interlocked.Exchange(ref _cursor, change.ChangeSeq);
            else Interlocked.Increment(ref _gapsAndDuplicates);
        }
    }

    private sealed record WatchedChange(long ChangeSeq, long? Follows);
}
