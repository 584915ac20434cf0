using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Realtime;

/// <summary>Renews this node's room subscriptions and presence leases every period.</summary>
internal sealed class RealtimeRenewal(RoomFanout fanout, LocalPresence presence, IOptions<RealtimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await fanout.RenewAsync(stoppingToken);
            await presence.RenewAsync(stoppingToken);
        }
    }
}
