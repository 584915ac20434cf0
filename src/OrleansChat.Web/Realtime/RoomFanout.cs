using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Which local connections listen to which rooms. The node subscribes its single observer to a room while at least
/// one local connection listens, renews every subscription periodically (rooms forget silent observers, and a
/// restarted silo knows none), and unsubscribes when the last connection leaves. Each room's relaying is a
/// <see cref="LocalRoom"/>.
/// </summary>
public sealed class RoomFanout
{
    private readonly IClusterClient _cluster;
    private readonly IHubContext<ChatHub, IChatClient> _hub;
    private readonly ILogger<RoomFanout> _logger;
    private readonly ConcurrentDictionary<string, LocalRoom> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    // Held here: Orleans keeps only a weak reference to an observer object.
    private readonly RoomEventRelay _relay;
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = new(StringComparer.Ordinal);
    // Created once, on first use (the cluster client is up by then), and only once even when joins race:
    // a second reference would subscribe the node twice and every message would reach it twice.
    private readonly Lazy<IRoomObserver> _observer;
    private readonly RealtimeMetrics _metrics;

    public RoomFanout(
        IClusterClient cluster, IHubContext<ChatHub, IChatClient> hub, RealtimeMetrics metrics, IMeterFactory meters, ILogger<RoomFanout> logger)
    {
        _cluster = cluster;
        _hub = hub;
        _metrics = metrics;
        _logger = logger;
        _relay = new RoomEventRelay(roomId => _rooms.GetValueOrDefault(roomId), metrics, logger);
        meters.Create(RealtimeMetrics.MeterName).CreateObservableGauge("orleanschat.rooms.listened", () => _rooms.Count, "{room}",
            "Rooms this web node listens to for its connections.");
        _observer = new(() => cluster.CreateObjectReference<IRoomObserver>(_relay));
    }

    /// <summary>
    /// Starts relaying a room to a connection whose user the room admitted (see <see cref="RoomAdmission"/>) with a
    /// snapshot up to <paramref name="snapshotSeq"/> of the log's <paramref name="snapshotEpoch"/> (null: no snapshot),
    /// which takes changes <paramref name="coalesced"/> or not. Returns where pushes to the connection begin.
    /// </summary>
    public async Task<PushedAfter> AttachAsync(
        string roomId, string connectionId, string userId, long snapshotSeq, long? snapshotEpoch, long accessRevision, bool coalesced)
    {
        lock (_lock)
        {
            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms)) _roomsByConnection[connectionId] = rooms = new(StringComparer.Ordinal);
            rooms.Add(roomId);
        }
        try
        {
            while (true)
            {
                var room = _rooms.GetOrAdd(roomId, Open);
                if (await room.AttachAsync(connectionId, userId, snapshotSeq, snapshotEpoch, accessRevision, coalesced) is { } pushedAfter) return pushedAfter;
            }
        }
        catch
        {
            // A join that failed leaves the connection out of the room, also when it had joined before: the client
            // was told, and joins again.
            await DetachAsync(roomId, connectionId);
            throw;
        }
    }

    public async Task DetachAsync(string roomId, string connectionId)
    {
        Forget(connectionId, roomId);
        if (_rooms.TryGetValue(roomId, out var room)) await room.DetachAsync(connectionId);
    }

    private void Forget(string connectionId, string roomId)
    {
        lock (_lock)
        {
            if (_roomsByConnection.TryGetValue(connectionId, out var rooms) && rooms.Remove(roomId) && rooms.Count == 0)
            {
                _roomsByConnection.Remove(connectionId);
            }
        }
    }

    /// <summary>A connection closed: the node stops relaying every room to it.</summary>
    public async Task DetachAsync(string connectionId)
    {
        HashSet<string>? rooms;
        lock (_lock) _roomsByConnection.Remove(connectionId, out rooms);
        foreach (var roomId in rooms ?? [])
        {
            if (_rooms.TryGetValue(roomId, out var room)) await room.DetachAsync(connectionId);
        }
    }

    /// <summary>Renews every room this node listens to, spread over <paramref name="window"/>.</summary>
    public Task RenewAsync(TimeSpan window, CancellationToken cancellationToken) =>
        PacedRound.RunAsync(_rooms.Values.ToArray(), window, async room =>
        {
            try
            {
                await room.RenewAsync();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(exception, "Renewing the subscription to room {RoomId} failed; retrying next period", room.RoomId);
            }
        }, cancellationToken);

    private LocalRoom Open(string roomId) =>
        new(roomId, _cluster.GetGrain<IRoomGrain>(roomId), _observer.Value, _hub, _metrics, closed => _rooms.TryRemove(new(closed.RoomId, closed)), _logger);
}
