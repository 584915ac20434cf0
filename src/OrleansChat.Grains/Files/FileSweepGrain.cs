using OrleansChat.Contracts;

namespace OrleansChat.Grains.Files;

/// <summary>
/// Forgets unsent uploads in the catalog, so that no room can attach them any more; the web tier that asked then
/// removes their bytes. One activation, so sweeps from several web nodes take turns.
/// </summary>
public sealed class FileSweepGrain(IFileCatalog files) : Grain, IFileSweepGrain
{
    public async Task<IReadOnlyList<Attachment>> TakeUnsent(DateTimeOffset uploadedBefore, int max) =>
        (await files.TakeUnsentAsync(uploadedBefore, max)).Select(f => f.Attachment).ToArray();
}
