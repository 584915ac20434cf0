using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Testing.Faults;

/// <summary>The real message log, with the appends, activation reads and range reads that <see cref="PlannedFaults"/> plans for a room failing as planned.</summary>
public sealed class FaultyMessageLog(IMessageLog inner) : IMessageLog
{
    public Task<long> GetEpochAsync(CancellationToken cancellationToken = default) => inner.GetEpochAsync(cancellationToken);

    public Task<long> GetLastSeqAsync(string roomId, CancellationToken cancellationToken = default) =>
        PlannedFaults.ApplyAsync(PlannedFaults.Activation(roomId), () => inner.GetLastSeqAsync(roomId, cancellationToken));

    public Task<long> GetFirstSeqAsync(string roomId, CancellationToken cancellationToken = default) =>
        inner.GetFirstSeqAsync(roomId, cancellationToken);

    public Task<int> ArchiveAsync(string roomId, long beforeSeq, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ArchiveAsync(roomId, beforeSeq, now, cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> ReadRangeAsync(string roomId, long fromSeq, long toSeq, CancellationToken cancellationToken = default) =>
        PlannedFaults.ApplyAsync(PlannedFaults.Reads(roomId), () => inner.ReadRangeAsync(roomId, fromSeq, toSeq, cancellationToken));

    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long lastSeq, IReadOnlyList<MessageDraft> drafts, CancellationToken cancellationToken = default) =>
        PlannedFaults.ApplyAsync(roomId, () => inner.AppendAsync(roomId, lastSeq, drafts, cancellationToken));
}
