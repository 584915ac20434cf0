using System.Net;
using System.Net.Sockets;

namespace OrleansChat.Testing;

public static class FreePort
{
    private const int Lowest = 10_000;

    /// <summary>Where the kernel starts handing out ports to client sockets (Linux: ip_local_port_range).</summary>
    private static readonly Lazy<int> EphemeralStart = new(() =>
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return Lowest;
        }
    });

    private static int _next = Random.Shared.Next();

    /// <summary>
    /// A loopback port nobody listens on right now, taken below the kernel's ephemeral range: a port from that range
    /// can become some client socket's own end before the server given it binds it (the bench's thousands of
    /// connections made a silo fail to start that way).
    /// </summary>
    public static int Next()
    {
        var span = EphemeralStart.Value - Lowest;
        for (var attempt = 0; span > 0 && attempt < 100; attempt++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref _next) % (uint)span);
            if (TryBind(port) is { } free) return free;
        }
        return TryBind(0) ?? throw new InvalidOperationException("No free loopback port.");
    }

    private static int? TryBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
