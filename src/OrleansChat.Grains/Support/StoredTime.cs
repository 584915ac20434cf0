namespace OrleansChat.Grains.Support;

internal static class StoredTime
{
    /// <summary>Now, to the millisecond the tables keep: what is acknowledged equals what is read back later.</summary>
    public static DateTimeOffset NowAsStored(this TimeProvider clock) =>
        DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
}
