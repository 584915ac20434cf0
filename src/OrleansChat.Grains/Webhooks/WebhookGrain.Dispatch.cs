using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Webhooks;

// Delivering the outbox: a timer kept alive while anything is pending, every due delivery attempted, the result
// recorded before the next delivery of its conversation may go.
public sealed partial class WebhookGrain
{
    /// <summary>Deliveries attempted together in one round, each of another conversation or endpoint.</summary>
    private const int RoundSize = 16;

    private IGrainTimer? _timer;

    /// <summary>Set by <see cref="Wake"/>: new deliveries may have come after a round found none pending.</summary>
    private bool _woken;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Whatever woke it, an activation first looks at the outbox: it may hold what an earlier one left.
        Start();
        return Task.CompletedTask;
    }

    public Task Wake()
    {
        _woken = true;
        Start();
        return Task.CompletedTask;
    }

    private void Start()
    {
        var poll = options.Value.PollInterval;
        _timer ??= this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, poll) { KeepAlive = true });
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        _woken = false;
        try
        {
            IReadOnlyList<DueDelivery> due;
            while ((due = await store.TakeDueAsync(SiteId, clock.GetUtcNow(), RoundSize, cancellationToken)).Count > 0)
            {
                await Task.WhenAll(due.Select(AttemptAsync));
            }
            // The grain is reentrant: a Wake can come while the outbox is read, so it is looked at after the read.
            if (!await store.HasPendingAsync(SiteId, cancellationToken) && !_woken)
            {
                // Nothing left: the activation may go; the next event wakes it again.
                _timer?.Dispose();
                _timer = null;
            }
        }
        catch (Exception exception)
        {
            // The outbox keeps everything: the next tick tries again.
            logger.LogWarning(exception, "Delivering the webhooks of site {SiteId} failed; retrying", SiteId);
        }
    }

    private async Task AttemptAsync(DueDelivery delivery)
    {
        var result = await transport.SendAsync(delivery);
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        DeliveryOutcome outcome;
        if (result.Received)
        {
            outcome = new DeliveryOutcome(delivery.DeliveryId, WebhookDeliveryStatus.Delivered, attempts, result.StatusCode, null, now, null);
        }
        else
        {
            var error = result.Error ?? $"The receiver answered {result.StatusCode}.";
            var giveUp = now - delivery.CreatedAt >= options.Value.GiveUpAfter;
            outcome = new DeliveryOutcome(delivery.DeliveryId, giveUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending,
                attempts, result.StatusCode, error, now, giveUp ? null : now + RetryDelay(attempts));
            logger.LogInformation("Webhook delivery {DeliveryId} of site {SiteId} failed (attempt {Attempts}): {Error}", delivery.DeliveryId, SiteId, attempts, error);
        }
        await store.RecordAsync(outcome);
    }

    /// <summary>The first retry delay, doubled for every failure after the first, at most the maximum.</summary>
    private TimeSpan RetryDelay(int failures)
    {
        var first = options.Value.FirstRetryDelay;
        var doubled = first * Math.Pow(2, Math.Min(failures - 1, 30));
        return doubled < options.Value.MaxRetryDelay ? doubled : options.Value.MaxRetryDelay;
    }
}
