using OrleansChat.Contracts;

namespace OrleansChat.Grains.Limits;

/// <summary>
/// A caller's allowance of one limit for the whole cluster. Not reentrant: takes run one at a time, so concurrent
/// callers on different web nodes never share out more than the limit. No state is stored (see
/// <see cref="IAllowanceGrain"/>); an idle allowance is collected like any grain, and with it its spent window.
/// </summary>
public sealed class AllowanceGrain(TimeProvider clock) : Grain, IAllowanceGrain
{
    private readonly PermitWindow _window = new();

    public Task<PermitAnswer> Take(int permitsPerMinute) => Task.FromResult(_window.Take(permitsPerMinute, clock.GetUtcNow()));
}
