using System.Diagnostics;

namespace OrleansChat.Bench.Load;

/// <summary>
/// What one stretch of a reaction storm got back: acknowledged calls and their latencies, refusals (with the first
/// reason), failures, and calls never made or never answered because the server fell behind.
/// </summary>
public sealed class ReactionCounts(int capacity)
{
    private readonly long[] _ackTicks = new long[capacity];
    private int _acked;
    private string? _firstRefusal;

    public long Refused;
    public long Failed;
    public long Unsent;

    /// <summary>How long the calls were being made, in seconds.</summary>
    public double Seconds { get; set; }

    public int Acked => Volatile.Read(ref _acked);

    public string? FirstRefusal => Volatile.Read(ref _firstRefusal);

    public void RecordAck(long sentAt)
    {
        var slot = Interlocked.Increment(ref _acked) - 1;
        if (slot < _ackTicks.Length) _ackTicks[slot] = Stopwatch.GetTimestamp() - sentAt;
    }

    public void RecordRefusal(string reason)
    {
        Interlocked.Increment(ref Refused);
        Interlocked.CompareExchange(ref _firstRefusal, reason, null);
    }

    /// <summary>Ack latencies in milliseconds, sorted.</summary>
    public double[] SortedAckLatenciesMs()
    {
        var count = Math.Min(Acked, _ackTicks.Length);
        var result = new double[count];
        for (var i = 0; i < count; i++) result[i] = _ackTicks[i] * 1000.0 / Stopwatch.Frequency;
        Array.Sort(result);
        return result;
    }
}
