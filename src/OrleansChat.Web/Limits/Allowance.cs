using System.Threading.RateLimiting;

namespace OrleansChat.Web.Limits;

/// <summary>
/// So many calls per minute per key (a user, a site, an address), counted on this web node. A refused call changes
/// nothing, and the caller is told when to try again.
/// </summary>
public sealed class Allowance(string what, Func<int> permitsPerMinute, Action refused) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute(),
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <summary>Takes one call from the key's allowance, or throws <see cref="RateLimitedException"/>.</summary>
    public void Take(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return;
        refused();
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        throw new RateLimitedException(what, retryAfter);
    }

    /// <summary>Whether the key had a call left (and takes it): for work the caller does not wait for.</summary>
    public bool TryTake(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (!lease.IsAcquired) refused();
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Too many calls: refused, nothing changed; try again after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException(string what, TimeSpan retryAfter)
    : Exception($"Too many {what}; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
