using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Webhooks;

/// <summary>
/// A starting silo wakes the dispatchers of the sites with pending deliveries, so that what a stopped silo left in
/// the outbox goes out without waiting for the site's next event.
/// </summary>
public sealed class WebhookResume(IWebhookStore store, IGrainFactory grains, ILogger<WebhookResume> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(WebhookResume), ServiceLifecycleStage.Active, WakeAsync);

    private async Task WakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var siteId in await store.SitesWithPendingAsync(cancellationToken)) await grains.GetGrain<IWebhookGrain>(siteId).Wake();
        }
        catch (Exception exception)
        {
            // Not fatal: each site's next event wakes its dispatcher.
            logger.LogError(exception, "Waking the webhook dispatchers failed");
        }
    }
}
