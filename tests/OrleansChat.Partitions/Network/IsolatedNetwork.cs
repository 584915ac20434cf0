using System.Globalization;
using OrleansChat.Testing;

namespace OrleansChat.Partitions.Network;

/// <summary>
/// A network of hosts on one machine: one network namespace per host, each with a veth pair to a bridge that lives
/// in a namespace of its own, addresses from a private /24 that exist only in those namespaces, and no uplink, NAT
/// or default route, so no packet leaves them. Names carry a per-run id; dispose removes everything, and creating a
/// network first removes what an interrupted run left (and the processes still inside it).
/// </summary>
public sealed class IsolatedNetwork : IAsyncDisposable
{
    public const string NamespacePrefix = "ocpart-";
    private const string Subnet = "10.77.0";
    private const string Device = "eth0";

    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];
    private readonly List<NetworkHost> _hosts = [];

    private IsolatedNetwork()
    {
    }

    private string BridgeNamespace => $"{NamespacePrefix}{_runId}-bridge";

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    /// <summary>The namespaces and the bridge, with hosts to add one by one.</summary>
    public static async Task<IsolatedNetwork> CreateAsync()
    {
        RootCheck.Demand();
        await RemoveLeftoversAsync();
        var network = new IsolatedNetwork();
        await Ip("netns", "add", network.BridgeNamespace);
        await Ip("-n", network.BridgeNamespace, "link", "add", "bridge0", "type", "bridge");
        await Ip("-n", network.BridgeNamespace, "link", "set", "bridge0", "up");
        return network;
    }

    /// <summary>A host with the next address: its own namespace, loopback up, one veth to the bridge.</summary>
    public async Task<NetworkHost> AddHostAsync(string name)
    {
        var host = new NetworkHost(name, $"{NamespacePrefix}{_runId}-{name}", $"{Subnet}.{10 + _hosts.Count}");
        _hosts.Add(host);
        var port = $"to-{name}";
        await Ip("netns", "add", host.Namespace);
        await Ip("-n", host.Namespace, "link", "set", "lo", "up");
        await Ip("-n", BridgeNamespace, "link", "add", port, "type", "veth", "peer", "name", Device, "netns", host.Namespace);
        await Ip("-n", BridgeNamespace, "link", "set", port, "master", "bridge0");
        await Ip("-n", BridgeNamespace, "link", "set", port, "up");
        await Ip("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", Device);
        await Ip("-n", host.Namespace, "link", "set", Device, "up");
        return host;
    }

    /// <summary>Takes the host's only link down: it can reach nothing and nothing reaches it, while its processes run on.</summary>
    public static Task CutOffAsync(NetworkHost host) => Ip("-n", host.Namespace, "link", "set", Device, "down");

    public static Task ReconnectAsync(NetworkHost host) => Ip("-n", host.Namespace, "link", "set", Device, "up");

    /// <summary>Drops every packet between the host and the given peers, from inside the host's namespace.</summary>
    public static async Task DropTrafficWithAsync(NetworkHost host, IEnumerable<NetworkHost> peers)
    {
        foreach (var peer in peers)
        {
            await ExternalProcess.RunAsync("ip", [.. host.Exec, "iptables", "-A", "INPUT", "-s", peer.Address, "-j", "DROP"]);
            await ExternalProcess.RunAsync("ip", [.. host.Exec, "iptables", "-A", "OUTPUT", "-d", peer.Address, "-j", "DROP"]);
        }
    }

    public static Task AllowAllTrafficAsync(NetworkHost host) => ExternalProcess.RunAsync("ip", [.. host.Exec, "iptables", "-F"]);

    /// <summary>
    /// Delay and loss on what the host sends to the given peers (this kernel has no netem): iptables drops a random
    /// share (the statistic match) and queues the rest to a <see cref="PacketDelay"/> running on the host. Heal with
    /// <see cref="AllowAllTrafficAsync"/>, then dispose the delay.
    /// </summary>
    public static async Task<HelperProcess> DegradeTrafficToAsync(NetworkHost host, IEnumerable<NetworkHost> peers, TimeSpan delay, double loss)
    {
        var packetDelay = await HelperProcess.StartAsync(host, TimeSpan.FromMinutes(1), "delay", "0", ((int)delay.TotalMilliseconds).ToString());
        foreach (var peer in peers)
        {
            await ExternalProcess.RunAsync("ip", [.. host.Exec, "iptables", "-A", "OUTPUT", "-d", peer.Address,
                "-m", "statistic", "--mode", "random", "--probability", loss.ToString(CultureInfo.InvariantCulture), "-j", "DROP"]);
            // Without the delay process bound to the queue (it ended), packets pass rather than vanish.
            await ExternalProcess.RunAsync("ip", [.. host.Exec, "iptables", "-A", "OUTPUT", "-d", peer.Address, "-j", "NFQUEUE", "--queue-num", "0", "--queue-bypass"]);
        }
        return packetDelay;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _hosts.Select(h => h.Namespace).Append(BridgeNamespace)) await RemoveNamespaceAsync(name);
    }

    private static async Task RemoveLeftoversAsync()
    {
        var listing = await ExternalProcess.RunAsync("ip", ["netns", "list"]);
        var leftovers = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(NamespacePrefix, StringComparison.Ordinal));
        foreach (var name in leftovers) await RemoveNamespaceAsync(name);
    }

    /// <summary>Ends what still runs inside (this test's processes: nothing else is started there), then deletes it.</summary>
    private static async Task RemoveNamespaceAsync(string name)
    {
        var pids = await ExternalProcess.RunAsync("ip", ["netns", "pids", name]);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                await ExternalProcess.RunAsync("kill", ["-KILL", pid.Trim()]);
            }
            catch (InvalidOperationException)
            {
                // Gone already.
            }
        }
        await Ip("netns", "del", name);
    }

    private static Task Ip(params string[] arguments) => ExternalProcess.RunAsync("ip", arguments);

}
