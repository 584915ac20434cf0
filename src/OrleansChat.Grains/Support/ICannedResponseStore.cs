using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>Sites' canned responses; a shortcut is unique per site.</summary>
public interface ICannedResponseStore
{
    /// <summary>A site's canned responses, by shortcut.</summary>
    Task<IReadOnlyList<CannedResponse>> ListAsync(string siteId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new one: saved, or refused for its shortcut or a full site.</summary>
    Task<CannedResponseWrite> AddAsync(string siteId, CannedResponse response, CancellationToken cancellationToken = default);

    /// <summary>Changes the one with the response's id: saved, or refused for its shortcut or because it does not exist.</summary>
    Task<CannedResponseWrite> UpdateAsync(string siteId, CannedResponse response, CancellationToken cancellationToken = default);

    /// <summary>False when the site has no canned response with that id.</summary>
    Task<bool> DeleteAsync(string siteId, string responseId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of saving a canned response: saved, or refused (nothing written) because another has its shortcut,
/// the site has as many as it may keep, or (a change) the response does not exist.
/// </summary>
public enum CannedResponseWrite { Saved, DuplicateShortcut, SiteFull, NotFound }
