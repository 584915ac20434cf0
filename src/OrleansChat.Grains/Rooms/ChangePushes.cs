using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Tells the web nodes of a room's stored changes, at most once per <c>interval</c>: a quiet room's change goes at
/// once, a storm of reactions goes as one list per interval, so each connection gets a few sends a second however many
/// changes are made. Order is kept (changes are told in the order stored), and nothing told can be lost for good: a
/// node that misses a push (or an activation that goes before telling) fills the gap from the room at its next change
/// or renewal. Runs inside the grain's turns (the delay resumes on its scheduler), so it needs no locks.
/// </summary>
internal sealed class ChangePushes(Action<IReadOnlyList<MessageChange>> tell, TimeProvider clock, TimeSpan interval)
{
    private readonly List<MessageChange> _waiting = [];
    private long _lastToldAt;
    private bool _scheduled;

    public void Stored(IReadOnlyList<MessageChange> changes)
    {
        _waiting.AddRange(changes);
        if (_scheduled) return;
        var wait = interval - clock.GetElapsedTime(_lastToldAt);
        if (_lastToldAt == 0 || wait <= TimeSpan.Zero)
        {
            TellWaiting();
            return;
        }
        _scheduled = true;
        _ = TellAfterAsync(wait);
    }

    private async Task TellAfterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, clock);
        _scheduled = false;
        TellWaiting();
    }

    private void TellWaiting()
    {
        if (_waiting.Count == 0) return;
        var changes = _waiting.ToArray();
        _waiting.Clear();
        _lastToldAt = clock.GetTimestamp();
        tell(changes);
    }
}
