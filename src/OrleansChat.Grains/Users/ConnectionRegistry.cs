namespace OrleansChat.Grains.Users;

/// <summary>A user's open connections, grouped by the web node holding them; a silent node's connections lapse.</summary>
internal sealed class ConnectionRegistry(TimeProvider clock, TimeSpan nodeExpiry)
{
    private readonly Dictionary<string, (HashSet<string> Connections, DateTimeOffset Until)> _nodes = new(StringComparer.Ordinal);

    public bool IsEmpty => _nodes.Count == 0;

    public void Add(string nodeId, string connectionId)
    {
        var connections = _nodes.TryGetValue(nodeId, out var node) ? node.Connections : new HashSet<string>(StringComparer.Ordinal);
        connections.Add(connectionId);
        _nodes[nodeId] = (connections, clock.GetUtcNow() + nodeExpiry);
    }

    public void Remove(string nodeId, string connectionId)
    {
        if (_nodes.TryGetValue(nodeId, out var node) && node.Connections.Remove(connectionId) && node.Connections.Count == 0)
        {
            _nodes.Remove(nodeId);
        }
    }

    /// <summary>Replaces a node's connections with what it reports now, and renews its lease.</summary>
    public void Renew(string nodeId, IReadOnlyList<string> connectionIds)
    {
        if (connectionIds.Count == 0)
        {
            _nodes.Remove(nodeId);
            return;
        }
        _nodes[nodeId] = (new HashSet<string>(connectionIds, StringComparer.Ordinal), clock.GetUtcNow() + nodeExpiry);
    }

    public void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var nodeId in _nodes.Where(n => n.Value.Until <= now).Select(n => n.Key).ToList())
        {
            _nodes.Remove(nodeId);
        }
    }
}
