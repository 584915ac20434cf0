using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// The users connected to this node and their connections. Each change is told to the user's grain at once;
/// the whole picture is re-sent periodically, which renews this node's lease on them and restores it after a
/// silo restart.
/// </summary>
public sealed class LocalPresence(IGrainFactory grains, WebNode node, ILogger<LocalPresence> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);

    public Task ConnectedAsync(ChatUser user, string connectionId)
    {
        lock (_lock)
        {
            if (!_connectionsByUser.TryGetValue(user.UserId, out var connections))
            {
                _connectionsByUser[user.UserId] = connections = new HashSet<string>(StringComparer.Ordinal);
            }
            connections.Add(connectionId);
        }
        return grains.GetGrain<IUserGrain>(user.UserId).Connect(user, node.Id, connectionId);
    }

    public async Task DisconnectedAsync(string userId, string connectionId)
    {
        lock (_lock)
        {
            if (_connectionsByUser.TryGetValue(userId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _connectionsByUser.Remove(userId);
            }
        }
        try
        {
            await grains.GetGrain<IUserGrain>(userId).Disconnect(node.Id, connectionId);
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
        lock (_lock) users = _connectionsByUser.Select(u => (u.Key, u.Value.ToArray())).ToArray();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (user, _) =>
        {
            try
            {
                await grains.GetGrain<IUserGrain>(user.UserId).Heartbeat(node.Id, user.Connections);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Presence heartbeat for {UserId} failed; retrying next period", user.UserId);
            }
        });
    }
}
