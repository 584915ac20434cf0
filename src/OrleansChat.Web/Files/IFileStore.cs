namespace OrleansChat.Web.Files;

/// <summary>
/// Where uploaded bytes live: a folder in embedded mode, an object store in a cluster. Keys are made by the web tier
/// (<see cref="FileKeys"/>) and never come from a caller. Stored objects are immutable: a key is written again only
/// by a retried upload of the same file.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what a failed attempt left.</summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The bytes under <paramref name="key"/> as a seekable stream (for ranges), or null when there are none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/>; a key that is not there is already removed.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
