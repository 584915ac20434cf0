namespace OrleansChat.Web.Cluster;

/// <summary>
/// Lets a web node start before or alongside its silos: connecting is retried for a while instead of failing the
/// process at once.
/// </summary>
internal sealed class RetryWhileSiloStarts(TimeSpan patience) : IClientConnectionRetryFilter
{
    private readonly DateTime _giveUpAt = DateTime.UtcNow + patience;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow >= _giveUpAt) return false;
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        return true;
    }
}
