namespace OrleansChat.Client;

/// <summary>
/// Which of a room's messages the application has been given: every seq up to <see cref="Delivered"/>, each once.
/// A message further on is held back until the ones before it arrive, so that delivery is in seq order with no gap.
/// Not thread-safe: its room's gate guards it.
/// </summary>
internal sealed class RoomTimeline
{
    private readonly SortedDictionary<long, ChatMessage> _held = [];

    public bool Started { get; private set; }

    /// <summary>The highest seq up to which every message was delivered.</summary>
    public long Delivered { get; private set; }

    public long Epoch { get; private set; }

    /// <summary>Messages held back behind a missing one.</summary>
    public bool HasGap => _held.Count > 0;

    /// <summary>The highest seq seen, delivered or held.</summary>
    public long Highest => _held.Count > 0 ? _held.Keys.Max() : Delivered;

    /// <summary>Delivery begins after <paramref name="seq"/>, in <paramref name="epoch"/>.</summary>
    public void Start(long seq, long epoch)
    {
        _held.Clear();
        Delivered = seq;
        Epoch = epoch;
        Started = true;
    }

    /// <summary>Forgets everything: delivery begins again with the next <see cref="Start"/>.</summary>
    public void Reset()
    {
        _held.Clear();
        Delivered = 0;
        Started = false;
    }

    /// <summary>History begins at <paramref name="firstSeq"/>: what lies below it was archived, not missed.</summary>
    public IReadOnlyList<ChatMessage> HistoryBeginsAt(long firstSeq)
    {
        if (Delivered >= firstSeq - 1) return [];
        Delivered = firstSeq - 1;
        foreach (var seq in _held.Keys.Where(seq => seq <= Delivered).ToList()) _held.Remove(seq);
        return Release();
    }

    /// <summary>The messages now deliverable, in seq order; those delivered before are dropped.</summary>
    public IReadOnlyList<ChatMessage> Accept(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message.Seq > Delivered) _held.TryAdd(message.Seq, message);
        }
        return Release();
    }

    private List<ChatMessage> Release()
    {
        var ready = new List<ChatMessage>();
        while (_held.Remove(Delivered + 1, out var next))
        {
            ready.Add(next);
            Delivered = next.Seq;
        }
        return ready;
    }
}
