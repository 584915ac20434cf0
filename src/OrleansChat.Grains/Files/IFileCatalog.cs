using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Files;

/// <summary>
/// What is known of every uploaded file, beside the messages: its room, who uploaded it, and which message carries
/// it once sent (<see cref="IMessageLog"/>'s append marks it, in the message's own transaction).
/// </summary>
public interface IFileCatalog
{
    /// <summary>A file, unless it is unknown or its message was deleted.</summary>
    Task<FileRecord?> FindAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>The files with these ids, in any order; ids not known are left out.</summary>
    Task<IReadOnlyList<FileRecord>> FindAsync(IReadOnlyList<string> fileIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an upload. When the uploader already recorded one with the same client file id in the room, that
    /// one is returned instead and nothing is written.
    /// </summary>
    Task<FileRecord> AddAsync(FileRecord file, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="max"/> files no message carries (unsent uploads from before a time, and the files of
    /// deleted messages); returns them.
    /// </summary>
    Task<IReadOnlyList<FileRecord>> TakeUnsentAsync(DateTimeOffset uploadedBefore, int max, CancellationToken cancellationToken = default);
}

/// <summary>One uploaded file. <see cref="SentAs"/>, the client message id of the message that carries it, is null until sent.</summary>
public sealed record FileRecord(
    Attachment Attachment,
    string RoomId,
    string UploaderId,
    string? ClientFileId,
    DateTimeOffset UploadedAt,
    string? SentAs)
{
    public string FileId => Attachment.FileId;
    public bool IsSent => SentAs is not null;
}
