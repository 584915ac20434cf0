using System.Diagnostics;

namespace OrleansChat.Bench.Load;

/// <summary>
/// What one load step sent and what arrived: acknowledged messages per room, received messages per connection,
/// and every delivery's latency. Written by many receive callbacks at once, so only with interlocked operations.
/// </summary>
public sealed class StepCounters(int connections, int rooms, int expectedDeliveries)
{
    private readonly long[] _latencies = new long[Math.Clamp(expectedDeliveries + expectedDeliveries / 2, 1024, 8_000_000)];
    private int _latencyCount;
    private long _lastReceivedAt;

    public int[] ReceivedByConnection { get; } = new int[connections];
    public int[] AckedByRoom { get; } = new int[rooms];
    public long Received;
    public long SendErrors;

    public void RecordAck(int room) => Interlocked.Increment(ref AckedByRoom[room]);

    public void RecordReceived(int connection, long sentAt)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref ReceivedByConnection[connection]);
        Interlocked.Increment(ref Received);
        var slot = Interlocked.Increment(ref _latencyCount) - 1;
        if (slot < _latencies.Length) _latencies[slot] = now - sentAt;
        if (now > Volatile.Read(ref _lastReceivedAt)) Volatile.Write(ref _lastReceivedAt, now);
    }

    public long LastReceivedAt => Volatile.Read(ref _lastReceivedAt);

    /// <summary>Latencies recorded so far, in milliseconds, sorted.</summary>
    public double[] SortedLatenciesMs()
    {
        var count = Math.Min(Volatile.Read(ref _latencyCount), _latencies.Length);
        var result = new double[count];
        for (var i = 0; i < count; i++) result[i] = _latencies[i] * 1000.0 / Stopwatch.Frequency;
        Array.Sort(result);
        return result;
    }
}
