using System.Diagnostics;

namespace OrleansChat.Bench.Load;

/// <summary>
/// What one load step sent and what arrived: acknowledged messages per room, received messages per connection,
/// every delivery's latency and every acknowledgement's. Written by many receive callbacks at once, so only with interlocked operations.
/// </summary>
public sealed class StepCounters(int connections, int rooms, int expectedDeliveries)
{
    private readonly Latencies _deliveries = new(Math.Clamp(expectedDeliveries + expectedDeliveries / 2, 1024, 8_000_000));
    private readonly Latencies _acks = new(Math.Clamp(expectedDeliveries, 1024, 8_000_000));
    private long _lastReceivedAt;

    public int[] ReceivedByConnection { get; } = new int[connections];
    public int[] AckedByRoom { get; } = new int[rooms];
    public long Received;
    public long SendErrors;

    public void RecordAck(int room, long sentAt)
    {
        Interlocked.Increment(ref AckedByRoom[room]);
        _acks.Record(Stopwatch.GetTimestamp() - sentAt);
    }

    public void RecordReceived(int connection, long sentAt)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref ReceivedByConnection[connection]);
        Interlocked.Increment(ref Received);
        _deliveries.Record(now - sentAt);
        if (now > Volatile.Read(ref _lastReceivedAt)) Volatile.Write(ref _lastReceivedAt, now);
    }

    public long LastReceivedAt => Volatile.Read(ref _lastReceivedAt);

    /// <summary>Delivery latencies recorded so far, in milliseconds, sorted.</summary>
    public double[] SortedLatenciesMs() => _deliveries.SortedMs();

    /// <summary>Send-to-acknowledgement latencies recorded so far, in milliseconds, sorted.</summary>
    public double[] SortedAckLatenciesMs() => _acks.SortedMs();

    /// <summary>Stopwatch intervals in a fixed array (no locks, no growth while measuring); beyond it they are dropped.</summary>
    private sealed class Latencies(int capacity)
    {
        private readonly long[] _ticks = new long[capacity];
        private int _count;

        public void Record(long ticks)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            if (slot < _ticks.Length) _ticks[slot] = ticks;
        }

        public double[] SortedMs()
        {
            var count = Math.Min(Volatile.Read(ref _count), _ticks.Length);
            var result = new double[count];
            for (var i = 0; i < count; i++) result[i] = _ticks[i] * 1000.0 / Stopwatch.Frequency;
            Array.Sort(result);
            return result;
        }
    }
}
