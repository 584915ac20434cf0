using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace OrleansChat.Web.Files;

/// <summary>
/// Files as blobs in one Azure Blob Storage container (or Azurite's), the store a cluster's web nodes share. The
/// container is created by the first save, so a new deployment needs no setup step.
/// </summary>
public sealed class AzureBlobFileStore(BlobContainerClient container) : IFileStore
{
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        // One request for small files, blocks committed at the end for large ones: a reader never sees half of one.
        await container.GetBlobClient(key).UploadAsync(content, overwrite: true, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            // Seekable, with its length known, and read in chunks on demand: what range requests need.
            return await container.GetBlobClient(key).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // The blob or the whole container (nothing saved yet).
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        container.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>Creates the container once per process; a failed attempt is tried again by the next save.</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _created = true;
            }
        }
        finally
        {
            _creating.Release();
        }
    }
}
