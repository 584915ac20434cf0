using System.Diagnostics;

namespace OrleansChat.Bench.Load;

/// <summary>
/// What one stretch of a reaction storm got back: acknowledged calls and their latencies, refusals (with the first
/// reason), failures, calls skipped because too many were unanswered, and calls never answered at all.
/// </summary>
public sealed class ReactionCounts(int capacity)
{
    private readonly long[] _ackTicks = new long[capacity];
    private int _acked;
    private string? _firstRefusal;

    public long Refused;
    public long Failed;
    public long Skipped;

    /// <summary>The calls made; only the storm's loop adds to it.</summary>
    public List<Task> Calls { get; } = [];

    /// <summary>Calls still unanswered when <see cref="SettleAsync"/> gave up.</summary>
    public long Unanswered { get; private set; }

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

    /// <summary>Waits for every call to be answered, or for the time to be up; counts those that were not.</summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        await Task.WhenAny(Task.WhenAll(Calls), Task.Delay(timeout));
        Unanswered = Calls.Count(c => !c.IsCompleted);
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
