using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Files;

/// <summary>
/// Removes uploads that no message carried within <see cref="ChatFilesOptions.UnsentLifetime"/>: the catalog
/// forgets them first (so no message can take them any more), then their bytes go. A node that stops in between
/// leaves bytes no one can reach, never a message whose file is gone.
/// </summary>
internal sealed class UnsentFileSweeper(
    IGrainFactory grains, IFileStore store, IOptions<ChatFilesOptions> options, TimeProvider clock, ILogger<UnsentFileSweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Sweeping unsent uploads failed; the next sweep tries again");
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var sweep = grains.GetGrain<IFileSweepGrain>(0);
        IReadOnlyList<Attachment> taken;
        do
        {
            taken = await sweep.TakeUnsent(clock.GetUtcNow() - options.Value.UnsentLifetime, BatchSize);
            foreach (var file in taken)
            {
                await store.DeleteAsync(FileKeys.Original(file.FileId), cancellationToken);
                if (file.Thumbnail is not null) await store.DeleteAsync(FileKeys.Thumbnail(file.FileId), cancellationToken);
            }
            if (taken.Count > 0) logger.LogInformation("Removed {Count} uploads that no message carried", taken.Count);
        } while (taken.Count == BatchSize);
    }
}
