using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;
using OrleansChat.Grains.Files;

namespace OrleansChat.Grains.Rooms;

// Files: recorded when a member uploads them, carried by one message of that member, read by whoever may read the room.
public sealed partial class RoomGrain
{
    /// <summary>Files named by sends in flight, with the client message id of each: two messages never carry one file.</summary>
    private readonly Dictionary<string, string> _filesInFlight = new(StringComparer.Ordinal);

    public async Task<FileAdded> AddFile(ChatUser uploader, NewFile file)
    {
        RequireMember(uploader.UserId);
        RequireNotMuted(uploader.UserId);
        var record = new FileRecord(file.Attachment, RoomId, uploader.UserId, file.ClientFileId, _clock.GetUtcNow(), SentAs: null);
        var stored = await FilesOrUnavailableAsync(_files.AddAsync(record));
        if (stored.FileId == record.FileId) return new FileAdded(stored.Attachment, Duplicate: false, Sent: false);
        var original = stored.Attachment;
        if (original.FileName != file.Attachment.FileName || original.Size != file.Attachment.Size || original.ContentType != file.Attachment.ContentType)
        {
            throw ChatException.Conflict("This clientFileId was used for another file; a retry must upload the same one.");
        }
        return new FileAdded(original, Duplicate: true, stored.IsSent);
    }

    public async Task<Attachment> GetFile(string userId, string fileId)
    {
        RequireReadable(userId);
        var file = await FilesOrUnavailableAsync(_files.FindAsync(fileId));
        // Unsent files are their uploader's alone; anyone else is told the same as for a file that never was.
        if (file is null || file.RoomId != RoomId || (!file.IsSent && file.UploaderId != userId))
        {
            throw ChatException.NotFound($"Room '{RoomId}' has no file '{fileId}'.");
        }
        return file.Attachment;
    }

    /// <summary>
    /// The attachments of a send, in the order named: files the sender uploaded to this room that no other message
    /// carries (a retry of the message that carries them names them again), together at most
    /// <paramref name="maxTotalBytes"/>.
    /// </summary>
    private async Task<IReadOnlyList<Attachment>> SendableFilesAsync(
        string senderId, string clientMessageId, IReadOnlyList<string> fileIds, long maxTotalBytes)
    {
        if (fileIds.Count == 0) return [];
        if (fileIds.Distinct(StringComparer.Ordinal).Count() != fileIds.Count) throw ChatException.Invalid("A file can be attached once per message.");
        var found = (await FilesOrUnavailableAsync(_files.FindAsync(fileIds))).ToDictionary(f => f.FileId, StringComparer.Ordinal);
        var attachments = new List<Attachment>(fileIds.Count);
        foreach (var fileId in fileIds)
        {
            if (!found.TryGetValue(fileId, out var file) || file.RoomId != RoomId || file.UploaderId != senderId)
            {
                throw ChatException.NotFound($"You have no file '{fileId}' in room '{RoomId}'; upload it first.");
            }
            var carriedBy = file.SentAs ?? _filesInFlight.GetValueOrDefault(fileId);
            if (carriedBy is not null && carriedBy != clientMessageId)
            {
                throw ChatException.Conflict($"File '{fileId}' belongs to another message; upload it again to send it twice.");
            }
            attachments.Add(file.Attachment);
        }
        var total = attachments.Sum(a => a.Size);
        if (total > maxTotalBytes) throw ChatException.TooLarge($"The files of one message may take {maxTotalBytes} bytes together; these take {total}.");
        return attachments;
    }

    private async Task<T> FilesOrUnavailableAsync<T>(Task<T> reading)
    {
        try
        {
            return await reading;
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "The file catalog of room {RoomId} failed", RoomId);
            throw ChatException.Unavailable("File storage is unavailable; nothing was changed. Retry later.");
        }
    }
}
