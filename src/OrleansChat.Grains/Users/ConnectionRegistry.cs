namespace OrleansChat.Grains.Users;

/// <summary>
/// A user's connections, grouped by the web node holding them; a silent node's connections lapse. Every report
/// names the node's version of its connections (it counts up with each connect and disconnect there), so reports
/// that overtake each other are applied as the node saw them: a heartbeat speaks only for connections that did not
/// change after it was taken, and a connect or disconnect older than what is known of its connection is ignored.
/// </summary>
internal sealed class ConnectionRegistry(TimeProvider clock, TimeSpan nodeExpiry)
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public bool IsEmpty => !_nodes.Values.Any(node => node.HasOpen);

    /// <summary>The nodes holding at least one open connection.</summary>
    public IEnumerable<string> NodesWithConnections => _nodes.Where(n => n.Value.HasOpen).Select(n => n.Key);

    public void Add(string nodeId, string connectionId, long version) => Renewed(nodeId).Set(connectionId, open: true, version);

    public void Remove(string nodeId, string connectionId, long version) => Renewed(nodeId).Set(connectionId, open: false, version);

    /// <summary>What a node reports it holds at <paramref name="version"/>; renews its lease.</summary>
    public void Renew(string nodeId, IReadOnlyList<string> connectionIds, long version) => Renewed(nodeId).Replace(connectionIds, version);

    public void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var nodeId in _nodes.Where(n => n.Value.Until <= now).Select(n => n.Key).ToList())
        {
            _nodes.Remove(nodeId);
        }
    }

    private Node Renewed(string nodeId)
    {
        if (!_nodes.TryGetValue(nodeId, out var node)) _nodes[nodeId] = node = new Node();
        node.Until = clock.GetUtcNow() + nodeExpiry;
        return node;
    }

    private sealed class Node
    {
        // Closed connections are kept (until a heartbeat covers them) so that a connect arriving late stays undone.
        private Dictionary<string, (bool Open, long Version)> _connections = new(StringComparer.Ordinal);
        private long _reported;

        public DateTimeOffset Until { get; set; }

        public bool HasOpen => _connections.Values.Any(c => c.Open);

        public void Set(string connectionId, bool open, long version)
        {
            if (version <= _reported) return;
            if (_connections.TryGetValue(connectionId, out var known) && known.Version >= version) return;
            _connections[connectionId] = (open, version);
        }

        public void Replace(IReadOnlyList<string> connectionIds, long version)
        {
            if (version < _reported) return;
            var changedSince = _connections.Where(c => c.Value.Version > version).ToArray();
            _connections = connectionIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => (true, version), StringComparer.Ordinal);
            foreach (var (connectionId, state) in changedSince) _connections[connectionId] = state;
            _reported = version;
        }
    }
}
