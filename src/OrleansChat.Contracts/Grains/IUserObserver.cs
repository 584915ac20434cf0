using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// One per web node: a user's grain tells each node that holds the user's connections once, and the node tells those
/// connections. One-way, so a dead node never stalls the user.
/// </summary>
public interface IUserObserver : IGrainObserver
{
    [OneWay] Task OnMentioned(string userId, Mentioned mention);
}
