using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Files;

namespace OrleansChat.Storage.Sql;

/// <summary>The file catalog in the <c>files</c> table; <see cref="SqlMessageLog"/> marks files sent in its appends.</summary>
public sealed class SqlFileCatalog(IChatDatabase database) : IFileCatalog
{
    private const string Columns =
        "file_id, room_id, uploader_id, client_file_id, file_name, content_type, size_bytes, width, height, thumb_width, thumb_height, uploaded_at_ms, sent_as";

    /// <summary>Files no message carries: uploads never sent within their lifetime, and the files of deleted messages.</summary>
    private const string Forgettable = "((sent_as IS NULL AND uploaded_at_ms < @before) OR deleted_at_ms IS NOT NULL)";

    public async Task<FileRecord?> FindAsync(string fileId, CancellationToken cancellationToken = default) =>
        (await FindAsync([fileId], cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<FileRecord>> FindAsync(IReadOnlyList<string> fileIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("");
        // A deleted message's files are gone for everyone from the deletion on, though their bytes wait for the sweep.
        command.CommandText = $"SELECT {Columns} FROM files WHERE deleted_at_ms IS NULL AND {SqlBatches.For(connection).OneOf(command, "file_id", "@ids", fileIds)}";
        return await ReadAsync(command, cancellationToken);
    }

    public Task<FileRecord> AddAsync(FileRecord file, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            var attachment = file.Attachment;
            // A retry racing its original loses quietly here, and gets the original below.
            await using (var insert = connection.CreateCommand(
                             $"INSERT INTO files ({Columns}) VALUES (@id, @room, @uploader, @client, @name, @type, @size, @width, @height, " +
                             "@thumbWidth, @thumbHeight, @at, NULL) ON CONFLICT DO NOTHING", transaction))
            {
                await insert.With("@id", attachment.FileId).With("@room", file.RoomId).With("@uploader", file.UploaderId)
                    .With("@client", file.ClientFileId).With("@name", attachment.FileName).With("@type", attachment.ContentType)
                    .With("@size", attachment.Size).With("@width", attachment.Width).With("@height", attachment.Height)
                    .With("@thumbWidth", attachment.Thumbnail?.Width).With("@thumbHeight", attachment.Thumbnail?.Height)
                    .With("@at", file.UploadedAt.ToUnixTimeMilliseconds())
                    .ExecuteNonQueryAsync(cancelled);
            }
            if (file.ClientFileId is null) return file;
            await using var original = connection.CreateCommand(
                    $"SELECT {Columns} FROM files WHERE room_id = @room AND uploader_id = @uploader AND client_file_id = @client", transaction)
                .With("@room", file.RoomId).With("@uploader", file.UploaderId).With("@client", file.ClientFileId);
            return (await ReadAsync(original, cancelled)).Single();
        }, cancellationToken);

    public Task<IReadOnlyList<FileRecord>> TakeUnsentAsync(DateTimeOffset uploadedBefore, int max, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var select = connection.CreateCommand(
                    $"SELECT {Columns} FROM files WHERE {Forgettable} ORDER BY uploaded_at_ms LIMIT @max", transaction)
                .With("@before", uploadedBefore.ToUnixTimeMilliseconds()).With("@max", max);
            var unsent = await ReadAsync(select, cancelled);
            if (unsent.Count == 0) return unsent;
            // Still forgettable: an append that marked one meanwhile keeps it.
            await using var delete = connection.CreateCommand("", transaction).With("@before", uploadedBefore.ToUnixTimeMilliseconds());
            delete.CommandText = $"DELETE FROM files WHERE {Forgettable} AND " +
                                 SqlBatches.For(connection).OneOf(delete, "file_id", "@ids", unsent.Select(f => f.FileId).ToArray()) +
                                 " RETURNING file_id";
            var deleted = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await delete.ExecuteReaderAsync(cancelled))
            {
                while (await reader.ReadAsync(cancelled)) deleted.Add(reader.GetString(0));
            }
            return (IReadOnlyList<FileRecord>)unsent.Where(f => deleted.Contains(f.FileId)).ToArray();
        }, cancellationToken);

    private static async Task<IReadOnlyList<FileRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var files = new List<FileRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            int? Optional(int column) => reader.IsDBNull(column) ? null : reader.GetInt32(column);
            var thumbWidth = Optional(9);
            var thumbHeight = Optional(10);
            var attachment = new Attachment(
                FileId: reader.GetString(0),
                FileName: reader.GetString(4),
                ContentType: reader.GetString(5),
                Size: reader.GetInt64(6),
                Width: Optional(7),
                Height: Optional(8),
                Thumbnail: thumbWidth is { } w && thumbHeight is { } h ? new ImageSize(w, h) : null);
            files.Add(new FileRecord(
                attachment,
                RoomId: reader.GetString(1),
                UploaderId: reader.GetString(2),
                ClientFileId: reader.IsDBNull(3) ? null : reader.GetString(3),
                UploadedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                SentAs: reader.IsDBNull(12) ? null : reader.GetString(12)));
        }
        return files;
    }
}
