namespace OrleansChat.Testing;

/// <summary>
/// A host of a test network on one machine: a Linux network namespace with its own address, where a process runs
/// as if on a machine of its own (<c>ip netns exec</c>). Its HTTP port is free because nothing else lives there.
/// </summary>
public sealed record NetworkHost(string Name, string Namespace, string Address, int HttpPort = 8080)
{
    /// <summary>The arguments of <c>ip</c> that run a command inside the namespace.</summary>
    public string[] Exec => ["netns", "exec", Namespace];
}
