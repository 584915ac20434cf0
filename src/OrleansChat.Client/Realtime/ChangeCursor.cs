namespace OrleansChat.Client;

/// <summary>
/// Which of a room's message changes the application has been given: every change seq up to <see cref="Cursor"/>,
/// each once, in order. A change further on is held back until those before it arrive (<c>GetChanges</c> fetches
/// them). Not thread-safe: its room's gate guards it.
/// </summary>
internal sealed class ChangeCursor
{
    private readonly SortedDictionary<long, MessageChange> _held = [];

    /// <summary>Null before the room's first snapshot.</summary>
    public long? Cursor { get; private set; }

    /// <summary>The highest change seq the room is known to have reached.</summary>
    public long Known { get; private set; }

    public bool Behind => Cursor is { } cursor && Known > cursor;

    /// <summary>The first snapshot: its messages hold every change up to <c>LastChange</c> but its own <c>Changes</c>.</summary>
    public IReadOnlyList<MessageChange> Start(RoomSnapshot snapshot)
    {
        _held.Clear();
        var changes = (snapshot.Changes ?? []).OrderBy(c => c.ChangeSeq).ToList();
        Cursor = Math.Max(snapshot.LastChange, changes.Count > 0 ? changes[^1].ChangeSeq : 0);
        Known = Cursor.Value;
        return changes;
    }

    /// <summary>
    /// The first snapshot of messages the application held with every change up to <paramref name="held"/>: the
    /// changes after it are fetched (they cover the snapshot's own <c>Changes</c>).
    /// </summary>
    public void StartAfter(long held, long lastChange)
    {
        _held.Clear();
        Cursor = held;
        Known = lastChange;
    }

    /// <summary>A rejoin: the room reached <paramref name="lastChange"/>; those after the cursor are fetched.</summary>
    public void Reached(long lastChange) => Known = Math.Max(Known, lastChange);

    /// <summary>The changes now deliverable, in order; those delivered before are dropped.</summary>
    public IReadOnlyList<MessageChange> Accept(IEnumerable<MessageChange> changes)
    {
        if (Cursor is null) return [];
        foreach (var change in changes)
        {
            Known = Math.Max(Known, change.ChangeSeq);
            if (change.ChangeSeq > Cursor) _held.TryAdd(change.ChangeSeq, change);
        }
        var ready = new List<MessageChange>();
        while (_held.Remove(Cursor.Value + 1, out var next))
        {
            ready.Add(next);
            Cursor = next.ChangeSeq;
        }
        return ready;
    }

    /// <summary>A page of <c>GetChanges</c> read to its end: nothing lies between the cursor and its <c>LastChange</c>.</summary>
    public void CaughtUpTo(long lastChange)
    {
        if (Cursor is null || lastChange <= Cursor) return;
        Cursor = lastChange;
        foreach (var seq in _held.Keys.Where(seq => seq <= lastChange).ToList()) _held.Remove(seq);
    }

    public void Reset()
    {
        _held.Clear();
        Cursor = null;
        Known = 0;
    }
}
