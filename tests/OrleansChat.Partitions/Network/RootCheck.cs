namespace OrleansChat.Partitions.Network;

/// <summary>Network namespaces, veth pairs and iptables need root: without it the test fails and says how to run it.</summary>
public static class RootCheck
{
    public static void Demand()
    {
        if (Environment.UserName == "root") return;
        throw new InvalidOperationException(
            "The partition test creates network namespaces, veth pairs, a bridge, and iptables rules (drops, and queues to a packet delay), which needs root. " +
            "Run it as root: sudo eng/partitions.sh (or sudo -E dotnet test tests/OrleansChat.Partitions). " +
            "It needs ip (iproute2), iptables and curl: apt-get install -y iproute2 iptables curl.");
    }
}
