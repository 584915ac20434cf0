using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

/// <summary>SignalR's automatic reconnect, never giving up: a chat app wants its messages back however long the outage.</summary>
internal sealed class EndlessRetry : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount == 0 ? TimeSpan.Zero : Backoff.Delay((int)retryContext.PreviousRetryCount - 1);
}
