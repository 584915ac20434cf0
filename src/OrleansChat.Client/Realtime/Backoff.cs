namespace OrleansChat.Client;

/// <summary>
/// How long to wait before retry number <c>attempt</c> (0 first): exponential from 0.5 s up to 30 s, drawn from
/// the upper half of each step so that the clients of a restarted server do not all come back in the same instant.
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt)
    {
        var step = Math.Min(30_000, 500 * Math.Pow(2, Math.Min(attempt, 16)));
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }
}
