using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The changes made to a room's stored messages (edits, deletions, reactions), numbered in the room's order of
/// changes, and the messages' current state beside them. The room grain numbers the changes and works out each
/// message's new state; this stores both at once.
/// </summary>
public interface IChangeLog
{
    /// <summary>The room's latest change seq, 0 when it has none.</summary>
    Task<long> GetLastChangeAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of the room's changes after <paramref name="afterChange"/>, in order.</summary>
    Task<IReadOnlyList<MessageChange>> ReadAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default);

    /// <summary>The stored messages with these seqs, in their current state (those the log still holds).</summary>
    Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(string roomId, IReadOnlyList<long> seqs, CancellationToken cancellationToken = default);

    /// <summary>The reactions these users gave to the messages with these seqs.</summary>
    Task<IReadOnlySet<ReactionKey>> FindReactionsAsync(string roomId, IReadOnlyList<long> seqs, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>The reactions <paramref name="userId"/> gave to the messages <paramref name="fromSeq"/> to <paramref name="toSeq"/>.</summary>
    Task<IReadOnlySet<ReactionKey>> ReadOwnReactionsAsync(string roomId, string userId, long fromSeq, long toSeq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores changes and the resulting messages in one transaction: the change rows; each message's new state; the
    /// reaction rows given or taken back; for a deletion, the text of its earlier edits, the excerpt of quotes of it,
    /// and its files (which the file sweep then removes). Fails, changing nothing, when a message is no longer stored.
    /// </summary>
    Task ApplyAsync(string roomId, IReadOnlyList<MessageChange> changes, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);
}

/// <summary>One reaction: a user's emoji on a message.</summary>
public sealed record ReactionKey(long Seq, string Emoji, string UserId);
