namespace OrleansChat.Testing;

/// <summary>
/// The seqs one hub connection received as pushes, in arrival order, judged against its join snapshot before any
/// client-side dedupe: each push must be the one right after the previous (or after the snapshot's last seq).
/// A seq at or below that is a duplicate copy (or one out of order); one above it leaves a gap.
/// </summary>
public sealed class PushLedger
{
    private readonly Lock _lock = new();
    private readonly List<long> _pushed = [];
    private long? _snapshotSeq;

    public void Pushed(long seq)
    {
        lock (_lock) _pushed.Add(seq);
    }

    /// <summary>The join answered: pushes go on from its last seq (some may have arrived before the answer).</summary>
    public void Joined(long snapshotSeq)
    {
        lock (_lock) _snapshotSeq = snapshotSeq;
    }

    public (int Pushes, int Duplicates, int Gaps) Judge()
    {
        lock (_lock)
        {
            // A connection whose join never answered was never attached: it must have heard nothing.
            if (_snapshotSeq is not { } expected) return (_pushed.Count, _pushed.Count, 0);
            var (duplicates, gaps) = (0, 0);
            foreach (var seq in _pushed)
            {
                if (seq <= expected) duplicates++;
                else
                {
                    if (seq > expected + 1) gaps++;
                    expected = seq;
                }
            }
            return (_pushed.Count, duplicates, gaps);
        }
    }
}
