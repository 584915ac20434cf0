using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Renews this node's room subscriptions and presence leases every period, each round spread over the first half of
/// it (a burst of thousands of calls would hold up live messages; the second half is the margin before the
/// silo's expiries, which are kept well over a period). A round that fails (a silo restarting can
/// fail a call in any way, a cancellation included) is logged and the next one tries again: the loop ends only when
/// the node stops, since without it a restarted silo would never learn of this node's listeners.
/// </summary>
internal sealed class RealtimeRenewal(
    RoomFanout fanout, LocalPresence presence, IOptions<RealtimeOptions> options, ILogger<RealtimeRenewal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var window = options.Value.RenewPeriod / 2;
                await Task.WhenAll(fanout.RenewAsync(window, stoppingToken), presence.RenewAsync(window, stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Renewing this node's subscriptions and presence failed; retrying next period");
            }
        }
    }
}
