using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The durable, append-only log of every room's messages: the truth that acknowledgements and pushes follow.
/// </summary>
public interface IMessageLog
{
    /// <summary>
    /// The log's epoch: the seqs of messages told in one epoch are never handed out again within it, and a restore
    /// begins a new one (seqs restart below what clients hold). Every message the log returns carries it.
    /// </summary>
    Task<long> GetEpochAsync(CancellationToken cancellationToken = default);

    /// <summary>The highest seq stored for a room, 0 when it has none.</summary>
    Task<long> GetLastSeqAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>The lowest seq a room's log still holds (the ones below are archived); 1 when it holds none.</summary>
    Task<long> GetFirstSeqAsync(string roomId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a room's messages with seq &lt; <paramref name="beforeSeq"/> out of the log into the archive, in one
    /// transaction; returns how many moved. Their client message ids still count: a retried send finds its original.
    /// </summary>
    Task<int> ArchiveAsync(string roomId, long beforeSeq, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The messages with <paramref name="fromSeq"/> &lt;= seq &lt;= <paramref name="toSeq"/>, ascending.</summary>
    Task<IReadOnlyList<ChatMessage>> ReadRangeAsync(string roomId, long fromSeq, long toSeq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends drafts in one transaction, numbering the new ones from <paramref name="lastSeq"/> + 1 in order.
    /// A draft whose client message id the room already holds is not stored again: its outcome is the original.
    /// Returns one outcome per draft, in the drafts' order.
    /// </summary>
    Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long lastSeq, IReadOnlyList<MessageDraft> drafts, CancellationToken cancellationToken = default);
}

/// <summary>
/// A message accepted by a room but not yet numbered or stored. Its <see cref="Attachments"/> are files no message
/// carries yet: the append marks them as this one's, or fails.
/// </summary>
public sealed record MessageDraft(
    string MessageId,
    string ClientMessageId,
    string SenderId,
    string SenderName,
    MessageKind Kind,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<Attachment>? Attachments = null,
    MessageQuote? ReplyTo = null,
    IReadOnlyList<string>? Mentions = null)
{
    public ChatMessage ToMessage(string roomId, long seq, long epoch) =>
        new(roomId, seq, MessageId, ClientMessageId, SenderId, SenderName, Kind, Text, SentAt, epoch, Attachments, ReplyTo, Mentions: Mentions);
}

/// <summary>What became of one draft: stored now, or found stored before (a retry).</summary>
public sealed record AppendOutcome(ChatMessage Message, bool Duplicate);
