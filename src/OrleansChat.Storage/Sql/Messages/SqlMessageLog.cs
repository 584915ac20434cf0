using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>
/// The message log in the <c>messages</c> table, in plain SQL that every supported engine runs. Messages carry the
/// log's epoch (<see cref="MessageLogEpoch"/>).
/// </summary>
public sealed class SqlMessageLog(IChatDatabase database) : IMessageLog
{
    private readonly MessageLogEpoch _epoch = new(database);

    private const string Columns = MessageRows.Columns;

    /// <summary>The names its writer lanes keep the append's two statements under (<see cref="KeptCommands"/>).</summary>
    private const string InsertStatement = $"{nameof(SqlMessageLog)}.insert", FindStatement = $"{nameof(SqlMessageLog)}.find";

    /// <summary>What a new message's row is given; the rest are what changes to it later set.</summary>
    private const string InsertedColumns =
        "room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms, attachments, " +
        "reply_to_seq, reply_sender_id, reply_sender_name, reply_excerpt, mentions";

    public async Task<long> GetLastSeqAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT MAX(seq) FROM messages WHERE room_id = @room")
            .With("@room", roomId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } max and not DBNull ? Convert.ToInt64(max) : 0;
    }

    public async Task<long> GetFirstSeqAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT MIN(seq) FROM messages WHERE room_id = @room")
            .With("@room", roomId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } min and not DBNull ? Convert.ToInt64(min) : 1;
    }

    public Task<int> ArchiveAsync(string roomId, long beforeSeq, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var copy = connection.CreateCommand(
                    $"INSERT INTO messages_archive ({Columns}, archived_at_ms) SELECT {Columns}, @now FROM messages WHERE room_id = @room AND seq < @before",
                    transaction)
                .With("@room", roomId).With("@before", beforeSeq).With("@now", now.ToUnixTimeMilliseconds());
            var moved = await copy.ExecuteNonQueryAsync(cancelled);
            await using var delete = connection.CreateCommand("DELETE FROM messages WHERE room_id = @room AND seq < @before", transaction)
                .With("@room", roomId).With("@before", beforeSeq);
            await delete.ExecuteNonQueryAsync(cancelled);
            return moved;
        }, cancellationToken);

    public Task<long> GetEpochAsync(CancellationToken cancellationToken = default) => _epoch.GetAsync(cancellationToken).AsTask();

    public async Task<IReadOnlyList<ChatMessage>> ReadRangeAsync(string roomId, long fromSeq, long toSeq, CancellationToken cancellationToken = default)
    {
        if (fromSeq > toSeq) return [];
        var epoch = await _epoch.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                $"SELECT {Columns} FROM messages WHERE room_id = @room AND seq BETWEEN @from AND @to ORDER BY seq")
            .With("@room", roomId).With("@from", fromSeq).With("@to", toSeq);
        return await MessageRows.ReadAsync(command, epoch, cancellationToken);
    }

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long lastSeq, IReadOnlyList<MessageDraft> drafts, CancellationToken cancellationToken = default)
    {
        using var span = ChatDatabaseTracing.StartAppend(roomId, drafts.Count);
        // Read before the write: the work inside may only use its transaction.
        var epoch = await _epoch.GetAsync(cancellationToken);
        return await database.WriteAsync(
            (connection, transaction, cancelled) => AppendAsync(connection, transaction, roomId, epoch, lastSeq, drafts, cancelled), cancellationToken);
    }

    private static async Task<IReadOnlyList<AppendOutcome>> AppendAsync(
        DbConnection connection, DbTransaction transaction, string roomId, long epoch, long lastSeq, IReadOnlyList<MessageDraft> drafts,
        CancellationToken cancellationToken)
    {
        var stored = await FindByClientIdsAsync(connection, transaction, roomId, epoch, drafts, cancellationToken);

        var outcomes = new AppendOutcome[drafts.Count];
        var added = new List<ChatMessage>(drafts.Count);
        var nextSeq = lastSeq;
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (stored.TryGetValue(draft.ClientMessageId, out var original))
            {
                outcomes[i] = new AppendOutcome(original, Duplicate: true);
                continue;
            }
            var message = draft.ToMessage(roomId, ++nextSeq, epoch);
            outcomes[i] = new AppendOutcome(message, Duplicate: false);
            stored[message.ClientMessageId] = message;
            added.Add(message);
        }
        if (added.Count > 0)
        {
            await InsertAsync(connection, transaction, roomId, added, cancellationToken);
            await MentionRows.AddAsync(connection, transaction, added, cancellationToken);
            foreach (var message in added.Where(m => m.Attachments is { Count: > 0 }))
            {
                await MarkFilesSentAsync(connection, transaction, message, cancellationToken);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// All of a batch's new messages in one statement, and the room's row raised to the last of them, in one round trip
    /// however large the batch (across rooms, a group commit's time is mostly round trips). The room's row says its last
    /// seq for room lists and unread counts; raised in the append's own transaction, it never names a message that is
    /// not stored, nor lags one that is.
    /// </summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string roomId, List<ChatMessage> messages,
        CancellationToken cancellationToken)
    {
        var batches = SqlBatches.For(connection);
        (string, Array)[] columns =
        [
            ("@room", messages.Select(m => m.RoomId).ToArray()),
            ("@seq", messages.Select(m => m.Seq).ToArray()),
            ("@id", messages.Select(m => m.MessageId).ToArray()),
            ("@client", messages.Select(m => m.ClientMessageId).ToArray()),
            ("@sender", messages.Select(m => m.SenderId).ToArray()),
            ("@name", messages.Select(m => m.SenderName).ToArray()),
            ("@kind", messages.Select(m => MessageRows.KindName(m.Kind)).ToArray()),
            ("@text", messages.Select(m => m.Text).ToArray()),
            ("@at", messages.Select(m => m.SentAt.ToUnixTimeMilliseconds()).ToArray()),
            ("@files", messages.Select(m => AttachmentsJson.Write(m.Attachments)).ToArray()),
            ("@reply", messages.Select(m => m.ReplyTo?.Seq).ToArray()),
            ("@replySender", messages.Select(m => m.ReplyTo?.SenderId).ToArray()),
            ("@replyName", messages.Select(m => m.ReplyTo?.SenderName).ToArray()),
            ("@replyExcerpt", messages.Select(m => m.ReplyTo?.Excerpt).ToArray()),
            ("@mentions", messages.Select(m => MentionsJson.Write(m.Mentions)).ToArray()),
        ];
        if (connection.TryReuse(InsertStatement, messages.Count, transaction, out var insert))
        {
            insert.Parameters[0].Value = roomId;
            insert.Parameters[1].Value = messages[^1].Seq;
            batches.RefillRows(insert, 2, columns);
            await KeptCommands.RunAsync(insert, command => command.ExecuteNonQueryAsync(cancellationToken));
            return;
        }
        insert = connection.CreateCommand("", transaction).With("@lastSeqRoom", roomId).With("@lastSeq", messages[^1].Seq);
        insert.CommandText =
            $"INSERT INTO messages ({InsertedColumns}) {batches.Rows(insert, columns)}; " +
            "UPDATE rooms SET last_seq = @lastSeq WHERE room_id = @lastSeqRoom AND last_seq < @lastSeq";
        await ExecuteAndKeepAsync(connection, InsertStatement, messages.Count, insert, command => command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>
    /// The message's files become its own in the message's transaction. A file that another message took, or that
    /// was forgotten as unsent meanwhile, fails the append: no message may carry bytes that can go.
    /// </summary>
    private static async Task MarkFilesSentAsync(DbConnection connection, DbTransaction transaction, ChatMessage message, CancellationToken cancellationToken)
    {
        var fileIds = message.Attachments!.Select(a => a.FileId).ToArray();
        await using var update = connection.CreateCommand("", transaction)
            .With("@room", message.RoomId).With("@client", message.ClientMessageId).With("@id", message.MessageId);
        var matches = SqlBatches.For(connection).OneOf(update, "file_id", "@files", fileIds);
        update.CommandText = $"UPDATE files SET sent_as = @client, message_id = @id WHERE room_id = @room AND sent_as IS NULL AND {matches}";
        var marked = await update.ExecuteNonQueryAsync(cancellationToken);
        if (marked != fileIds.Length)
        {
            throw new InvalidOperationException($"{fileIds.Length - marked} of the files of message {message.MessageId} are no longer unsent uploads of its room.");
        }
    }

    private static async Task<Dictionary<string, ChatMessage>> FindByClientIdsAsync(
        DbConnection connection, DbTransaction transaction, string roomId, long epoch, IReadOnlyList<MessageDraft> drafts, CancellationToken cancellationToken)
    {
        var ids = drafts.Select(d => d.ClientMessageId).Distinct(StringComparer.Ordinal).ToArray();
        var batches = SqlBatches.For(connection);
        if (connection.TryReuse(FindStatement, ids.Length, transaction, out var find))
        {
            find.Parameters[0].Value = roomId;
            batches.RefillKeys(find, batches.RefillKeys(find, 1, ids), ids);
            return ByClientId(await KeptCommands.RunAsync(find, command => MessageRows.ReadAsync(command, epoch, cancellationToken)));
        }
        find = connection.CreateCommand("", transaction).With("@room", roomId);
        var current = batches.RowsWithKeys(find, "messages", "room_id = @room", "client_message_id", "@clients", ids);
        // Archived messages too: a send retried after its original was archived must not be stored twice.
        var archived = batches.RowsWithKeys(find, "messages_archive", "room_id = @room", "client_message_id", "@archived", ids);
        find.CommandText = $"SELECT {Columns} FROM {current} UNION ALL SELECT {Columns} FROM {archived}";
        return ByClientId(await ExecuteAndKeepAsync(connection, FindStatement, ids.Length, find,
            command => MessageRows.ReadAsync(command, epoch, cancellationToken)));
    }

    private static Dictionary<string, ChatMessage> ByClientId(List<ChatMessage> messages) => messages.ToDictionary(m => m.ClientMessageId, StringComparer.Ordinal);

    /// <summary>Runs a command just made for a batch, and keeps it for the next batch of that size, or disposes of it.</summary>
    private static async Task<T> ExecuteAndKeepAsync<T>(DbConnection connection, string statement, int size, DbCommand command, Func<DbCommand, Task<T>> execute)
    {
        T result;
        try
        {
            result = await execute(command);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
        if (!connection.Keep(statement, size, command)) await command.DisposeAsync();
        return result;
    }
}
