using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Apis;

/// <summary>
/// How many messages one user may send per minute through this web node (<c>Chat:Limits:MessagesPerMinute</c>),
/// over the hub and REST alike. A refused send stores nothing; the client retries after the time it is told.
/// </summary>
public sealed class SendRateLimit(IOptions<ChatLimits> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.MessagesPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <summary>Takes one send from the user's allowance, or throws <see cref="RateLimitedException"/>.</summary>
    public void Take(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired) return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        throw new RateLimitedException(retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Too many sends: refused, nothing stored; try again after <see cref="RetryAfter"/>.</summary>
public sealed class RateLimitedException(TimeSpan retryAfter)
    : Exception($"Too many messages; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
