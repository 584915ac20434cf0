using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// The users connected to this node and their connections. Each change is told to the user's grain at once;
/// the whole picture is re-sent periodically, which renews this node's lease on them and restores it after a
/// silo restart. Every report names the version of the picture it comes from, so that a heartbeat taken before
/// a change and arriving after it does not undo it. Reports carry the node's <see cref="IUserObserver"/>, through
/// which users' grains reach all of a user's connections here (mentions).
/// </summary>
public sealed class LocalPresence
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly WebNode _node;
    private readonly ILogger<LocalPresence> _logger;
    // Held here: Orleans keeps only a weak reference to an observer object. The reference is made once, on first use.
    private readonly UserEventRelay _relay;
    private readonly Lazy<IUserObserver> _observer;
    private long _version;
    private int _connections;

    public LocalPresence(
        IClusterClient cluster, WebNode node, IHubContext<ChatHub, IChatClient> hub, IMeterFactory meters, ILogger<LocalPresence> logger)
    {
        _grains = cluster;
        _node = node;
        _logger = logger;
        _relay = new UserEventRelay(ConnectionsOf, hub, logger);
        _observer = new(() => cluster.CreateObjectReference<IUserObserver>(_relay));
        meters.Create(RealtimeMetrics.MeterName).CreateObservableGauge("orleanschat.users.online", OnlineUsers, "{user}",
            "Users with at least one hub connection on this web node.");
        // SignalR's own signalr.server.active_connections counts only its transports, not the node's own WebSockets.
        meters.Create(RealtimeMetrics.MeterName).CreateObservableGauge("orleanschat.hub.connections", () => Volatile.Read(ref _connections), "{connection}",
            "Hub connections open on this web node, over any transport.");
    }

    private int OnlineUsers()
    {
        lock (_lock) return _connectionsByUser.Count;
    }

    private IReadOnlyList<string> ConnectionsOf(string userId)
    {
        lock (_lock) return _connectionsByUser.TryGetValue(userId, out var connections) ? [.. connections] : [];
    }

    /// <summary>How many hub connections the user holds on this node.</summary>
    public int ConnectionCount(string userId)
    {
        lock (_lock) return _connectionsByUser.TryGetValue(userId, out var connections) ? connections.Count : 0;
    }

    public Task ConnectedAsync(ChatUser user, string connectionId)
    {
        long version;
        lock (_lock)
        {
            if (!_connectionsByUser.TryGetValue(user.UserId, out var connections))
            {
                _connectionsByUser[user.UserId] = connections = new HashSet<string>(StringComparer.Ordinal);
            }
            if (connections.Add(connectionId)) _connections++;
            version = ++_version;
        }
        return _grains.GetGrain<IUserGrain>(user.UserId).Connect(user, _node.Id, connectionId, version, _observer.Value);
    }

    public async Task DisconnectedAsync(string userId, string connectionId)
    {
        long version;
        lock (_lock)
        {
            if (_connectionsByUser.TryGetValue(userId, out var connections) && connections.Remove(connectionId))
            {
                _connections--;
                if (connections.Count == 0) _connectionsByUser.Remove(userId);
            }
            version = ++_version;
        }
        try
        {
            await _grains.GetGrain<IUserGrain>(userId).Disconnect(_node.Id, connectionId, version);
        }
        catch (Exception exception)
        {
            // The node's next heartbeat, or its lease running out, corrects the user's presence.
            _logger.LogWarning(exception, "Reporting the disconnect of {UserId} failed", userId);
        }
    }

    /// <summary>
    /// Reports each connected user's connections here, spread over <paramref name="window"/>; each report is taken
    /// when it is sent, so it is as fresh as it can be. A user gone meanwhile had their disconnect reported.
    /// </summary>
    public Task RenewAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        string[] users;
        lock (_lock) users = [.. _connectionsByUser.Keys];
        return PacedRound.RunAsync(users, window, async userId =>
        {
            string[] connections;
            long version;
            lock (_lock)
            {
                if (!_connectionsByUser.TryGetValue(userId, out var open)) return;
                connections = [.. open];
                version = _version;
            }
            try
            {
                await _grains.GetGrain<IUserGrain>(userId).Heartbeat(_node.Id, connections, version, _observer.Value);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(exception, "Presence heartbeat for {UserId} failed; retrying next period", userId);
            }
        }, cancellationToken);
    }
}
