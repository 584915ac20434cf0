using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Which local connections listen to which rooms. The node subscribes its single <see cref="RoomEventRelay"/>
/// to a room while at least one local connection listens, renews every subscription periodically (rooms forget
/// silent observers, and a restarted silo knows none), and unsubscribes when the last connection leaves.
/// </summary>
public sealed class RoomFanout(IClusterClient cluster, RoomEventRelay relay, IHubContext<ChatHub, IChatClient> hub, ILogger<RoomFanout> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByRoom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = new(StringComparer.Ordinal);
    // Created once, on first use (the cluster client is up by then), and only once even when joins race:
    // a second reference would subscribe the node twice and every message would reach it twice.
    private readonly Lazy<IRoomObserver> _observer = new(() => cluster.CreateObjectReference<IRoomObserver>(relay));

    private IRoomObserver Observer => _observer.Value;

    public async Task AttachAsync(string roomId, string connectionId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, RoomEventRelay.GroupOf(roomId));
        bool firstHere;
        lock (_lock)
        {
            firstHere = !_connectionsByRoom.ContainsKey(roomId);
            Add(_connectionsByRoom, roomId, connectionId);
            Add(_roomsByConnection, connectionId, roomId);
        }
        if (firstHere) relay.Track(roomId, (await Room(roomId).Subscribe(Observer, afterSeq: null)).LastSeq);
    }

    public async Task DetachAsync(string roomId, string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, RoomEventRelay.GroupOf(roomId));
        bool lastHere;
        lock (_lock)
        {
            Remove(_roomsByConnection, connectionId, roomId);
            lastHere = Remove(_connectionsByRoom, roomId, connectionId);
        }
        if (lastHere) await UnsubscribeAsync(roomId);
    }

    /// <summary>A connection closed: SignalR drops its groups; the node drops rooms nobody here listens to.</summary>
    public async Task DetachAsync(string connectionId)
    {
        List<string> emptied = [];
        lock (_lock)
        {
            if (_roomsByConnection.Remove(connectionId, out var rooms))
            {
                emptied.AddRange(rooms.Where(roomId => Remove(_connectionsByRoom, roomId, connectionId)));
            }
        }
        foreach (var roomId in emptied) await UnsubscribeAsync(roomId);
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        string[] rooms;
        lock (_lock) rooms = [.. _connectionsByRoom.Keys];
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (roomId, _) =>
        {
            try
            {
                await RenewAsync(roomId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Renewing the subscription to room {RoomId} failed; retrying next period", roomId);
            }
        });
    }

    /// <summary>Renews one subscription and relays whatever the room pushed while this node was not subscribed.</summary>
    private async Task RenewAsync(string roomId)
    {
        MessagePage missed;
        do
        {
            missed = await Room(roomId).Subscribe(Observer, relay.RelayedSeq(roomId));
            await relay.OnMessages(roomId, missed.Messages);
        }
        while (missed.HasMore && missed.Messages.Count > 0);
    }

    private async Task UnsubscribeAsync(string roomId)
    {
        relay.Forget(roomId);
        try
        {
            await Room(roomId).Unsubscribe(Observer);
        }
        catch (Exception exception)
        {
            // Harmless: the room lets the subscription lapse by itself.
            logger.LogDebug(exception, "Unsubscribing from room {RoomId} failed", roomId);
        }
    }

    private IRoomGrain Room(string roomId) => cluster.GetGrain<IRoomGrain>(roomId);

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(value);
    }

    /// <summary>Removes a value; true when that emptied the key, which is then dropped.</summary>
    private static bool Remove(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set) || !set.Remove(value) || set.Count > 0) return false;
        map.Remove(key);
        return true;
    }
}
