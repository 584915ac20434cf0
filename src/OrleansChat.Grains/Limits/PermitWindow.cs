using OrleansChat.Contracts;

namespace OrleansChat.Grains.Limits;

/// <summary>
/// A fixed window of permits: the first take after a window ended opens the next one, which lasts
/// <see cref="Length"/> and grants at most the limit. Kept apart from the grain so that its arithmetic is plain.
/// </summary>
public sealed class PermitWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private int _taken;

    public PermitAnswer Take(int limit, DateTimeOffset now)
    {
        if (now >= _end)
        {
            _end = now + Length;
            _taken = 0;
        }
        if (_taken >= limit) return new PermitAnswer(false, _end - now);
        _taken++;
        return new PermitAnswer(true, TimeSpan.Zero);
    }
}
