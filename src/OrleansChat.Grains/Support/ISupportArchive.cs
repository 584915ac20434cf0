using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// The table of a site's support conversations. The desk writes every conversation it changes here before it stores
/// its own state, so that a resolved conversation it forgets is already here.
/// </summary>
public interface ISupportArchive
{
    /// <summary>
    /// Writes the conversations as they are now, in one transaction; a rating already given is kept, and a conversation
    /// stored at a later revision stays as it is.
    /// </summary>
    Task SaveAsync(string siteId, IReadOnlyList<SupportRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Writes, in one transaction, the conversations not stored here yet, and leaves the others as they are.</summary>
    Task AddMissingAsync(string siteId, IReadOnlyList<SupportRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The highest revision of the site's conversations stored here; 0 when there are none.</summary>
    Task<long> GetLastRevisionAsync(string siteId, CancellationToken cancellationToken = default);

    Task<SupportRecord?> FindAsync(string siteId, string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="ChatException"/> (invalid) for a cursor this archive did not hand out.</summary>
    Task<SupportRecordPage> ListAsync(string siteId, SupportQuery query, CancellationToken cancellationToken = default);

    /// <summary>The visitor's conversations, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<SupportRecord>> ListOfVisitorAsync(string siteId, string visitorId, int max, CancellationToken cancellationToken = default);

    /// <summary>Rates a resolved conversation not rated yet; false when it is not (or no longer) that.</summary>
    Task<bool> RateAsync(string siteId, string conversationId, SupportRating rating, CancellationToken cancellationToken = default);

    /// <summary>The conversations resolved within [from, to), with their first messages from the room's log.</summary>
    Task<IReadOnlyList<SupportOutcome>> ReadOutcomesAsync(string siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>What a resolved conversation contributes to a report.</summary>
public sealed record SupportOutcome(
    string? AgentId, DateTimeOffset CreatedAt, DateTimeOffset ResolvedAt, DateTimeOffset? FirstVisitorMessageAt,
    DateTimeOffset? FirstResponseAt, int? Rating);
