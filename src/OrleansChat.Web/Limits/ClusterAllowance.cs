using OrleansChat.Contracts;

namespace OrleansChat.Web.Limits;

/// <summary>
/// So many calls per minute per key, counted once for the whole cluster by the key's <see cref="IAllowanceGrain"/>:
/// a user who spreads calls over several web nodes spends one allowance. Each call asks the grain (one in-memory
/// grain call, measured in docs/operations.md), so the cluster never grants more than the limit.
/// </summary>
public sealed class ClusterAllowance(string limit, string what, Func<int> permitsPerMinute, Action refused, IGrainFactory grains)
{
    /// <summary>The configured limit, for a grain that takes its permits itself (<see cref="NewMessage.MessagesPerMinute"/>).</summary>
    public int PermitsPerMinute => permitsPerMinute();

    /// <summary>Takes one call from the key's allowance, or throws <see cref="RateLimitedException"/>.</summary>
    public async Task TakeAsync(string key)
    {
        var answer = await grains.GetGrain<IAllowanceGrain>(AllowanceKeys.Of(limit, key)).Take(permitsPerMinute());
        if (!answer.Granted) throw Refusal(answer.RetryAfter);
    }

    /// <summary>A refusal of this allowance, counted, whether this node or a grain found it spent.</summary>
    public RateLimitedException Refusal(TimeSpan retryAfter)
    {
        refused();
        return new RateLimitedException(what, retryAfter);
    }
}
