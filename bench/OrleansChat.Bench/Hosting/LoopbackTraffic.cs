namespace OrleansChat.Bench.Hosting;

/// <summary>
/// Bytes that crossed the loopback interface (from /proc/net/dev): every byte between the load and the servers,
/// TCP/IP headers included; on loopback each byte is counted once, as received.
/// </summary>
public static class LoopbackTraffic
{
    public static long Bytes()
    {
        var line = File.ReadLines("/proc/net/dev").Select(l => l.Trim()).First(l => l.StartsWith("lo:", StringComparison.Ordinal));
        return long.Parse(line["lo:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
    }
}
