using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// The users connected to this node and their connections. Each change is told to the user's grain at once;
/// the whole picture is re-sent periodically, which renews this node's lease on them and restores it after a
/// silo restart. Every report names the version of the picture it comes from, so that a heartbeat taken before
/// a change and arriving after it does not undo it.
/// </summary>
public sealed class LocalPresence(IGrainFactory grains, WebNode node, ILogger<LocalPresence> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);
    private long _version;

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
            connections.Add(connectionId);
            version = ++_version;
        }
        return grains.GetGrain<IUserGrain>(user.UserId).Connect(user, node.Id, connectionId, version);
    }

    public async Task DisconnectedAsync(string userId, string connectionId)
    {
        long version;
        lock (_lock)
        {
            if (_connectionsByUser.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _connectionsByUser.Remove(userId);
            }
            version = ++_version;
        }
        try
        {
            await grains.GetGrain<IUserGrain>(userId).Disconnect(node.Id, connectionId, version);
        }
        catch (Exception exception)
        {
            // The node's next heartbeat, or its lease running out, corrects the user's presence.
            logger.LogWarning(exception, "Reporting the disconnect of {UserId} failed", userId);
        }
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        (string UserId, string[] Connections)[] users;
        long version;
        lock (_lock)
        {
            users = _connectionsByUser.Select(u => (u.Key, u.Value.ToArray())).ToArray();
            version = _version;
        }
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (user, _) =>
        {
            try
            {
                await grains.GetGrain<IUserGrain>(user.UserId).Heartbeat(node.Id, user.Connections, version);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Presence heartbeat for {UserId} failed; retrying next period", user.UserId);
            }
        });
    }
}
