using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>
/// Changes to messages in <c>message_changes</c>, reactions in <c>reactions</c>, and the messages' current state in
/// their rows of <c>messages</c>, written together.
/// </summary>
public sealed class SqlChangeLog(IChatDatabase database) : IChangeLog
{
    private readonly MessageLogEpoch _epoch = new(database);

    private const string ChangeColumns = "room_id, change_seq, seq, kind, user_id, at_ms, text, emoji, reacted, count, mentions";

    public async Task<long> GetLastChangeAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT MAX(change_seq) FROM message_changes WHERE room_id = @room").With("@room", roomId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } max and not DBNull ? Convert.ToInt64(max) : 0;
    }

    public async Task<IReadOnlyList<MessageChange>> ReadAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                $"SELECT {ChangeColumns} FROM message_changes WHERE room_id = @room AND change_seq > @after ORDER BY change_seq LIMIT @limit")
            .With("@room", roomId).With("@after", afterChange).With("@limit", limit);
        var changes = new List<MessageChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new MessageChange(
                RoomId: reader.GetString(0),
                ChangeSeq: reader.GetInt64(1),
                Seq: reader.GetInt64(2),
                Kind: Enum.Parse<ChangeKind>(reader.GetString(3), ignoreCase: true),
                UserId: reader.GetString(4),
                At: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Text: reader.IsDBNull(6) ? null : reader.GetString(6),
                Emoji: reader.IsDBNull(7) ? null : reader.GetString(7),
                Reacted: reader.IsDBNull(8) ? null : reader.GetInt32(8) != 0,
                Count: reader.IsDBNull(9) ? null : reader.GetInt32(9),
                Mentions: MentionsJson.Read(reader.IsDBNull(10) ? null : reader.GetString(10))));
        }
        return changes;
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(string roomId, IReadOnlyList<long> seqs, CancellationToken cancellationToken = default)
    {
        var epoch = await _epoch.GetAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("").With("@room", roomId);
        var matches = SqlBatches.For(connection).OneOf(command, "seq", "@seqs", seqs);
        command.CommandText = $"SELECT {MessageRows.Columns} FROM messages WHERE room_id = @room AND {matches}";
        return await MessageRows.ReadAsync(command, epoch, cancellationToken);
    }

    public async Task<IReadOnlySet<ReactionKey>> FindReactionsAsync(
        string roomId, IReadOnlyList<long> seqs, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("").With("@room", roomId);
        var batches = SqlBatches.For(connection);
        command.CommandText = "SELECT seq, emoji, user_id FROM reactions WHERE room_id = @room AND " +
                              batches.OneOf(command, "seq", "@seqs", seqs) + " AND " + batches.OneOf(command, "user_id", "@users", userIds);
        return await ReadKeysAsync(command, cancellationToken);
    }

    public async Task<IReadOnlySet<ReactionKey>> ReadOwnReactionsAsync(string roomId, string userId, long fromSeq, long toSeq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                "SELECT seq, emoji, user_id FROM reactions WHERE room_id = @room AND user_id = @user AND seq BETWEEN @from AND @to")
            .With("@room", roomId).With("@user", userId).With("@from", fromSeq).With("@to", toSeq);
        return await ReadKeysAsync(command, cancellationToken);
    }

    public Task ApplyAsync(string roomId, IReadOnlyList<MessageChange> changes, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await InsertChangesAsync(connection, transaction, changes, cancelled);
            var rewritten = changes.Where(c => c.Kind != ChangeKind.Reaction).Select(c => c.Seq).ToHashSet();
            foreach (var message in messages)
            {
                await (rewritten.Contains(message.Seq)
                    ? UpdateMessageAsync(connection, transaction, message, cancelled)
                    : UpdateReactionsAsync(connection, transaction, message, cancelled));
            }
            foreach (var seq in changes.Where(c => c.Kind != ChangeKind.Reaction).Select(c => c.Seq).Distinct())
            {
                await MentionRows.ReplaceAsync(connection, transaction, messages.First(m => m.Seq == seq), cancelled);
            }
            await ApplyReactionsAsync(connection, transaction, roomId, changes, cancelled);
            foreach (var deleted in changes.Where(c => c.Kind == ChangeKind.Deleted))
            {
                await ForgetDeletedAsync(connection, transaction, deleted, cancelled);
            }
            return true;
        }, cancellationToken);

    private static async Task InsertChangesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand("", transaction);
        var rows = SqlBatches.For(connection).Rows(insert,
        [
            ("@room", changes.Select(c => c.RoomId).ToArray()),
            ("@change", changes.Select(c => c.ChangeSeq).ToArray()),
            ("@seq", changes.Select(c => c.Seq).ToArray()),
            ("@kind", changes.Select(c => KindName(c.Kind)).ToArray()),
            ("@user", changes.Select(c => c.UserId).ToArray()),
            ("@at", changes.Select(c => c.At.ToUnixTimeMilliseconds()).ToArray()),
            ("@text", changes.Select(c => c.Text).ToArray()),
            ("@emoji", changes.Select(c => c.Emoji).ToArray()),
            ("@reacted", changes.Select(c => c.Reacted is { } reacted ? (int?)(reacted ? 1 : 0) : null).ToArray()),
            ("@count", changes.Select(c => c.Count).ToArray()),
            ("@mentions", changes.Select(c => MentionsJson.Write(c.Mentions)).ToArray()),
        ]);
        insert.CommandText = $"INSERT INTO message_changes ({ChangeColumns}) {rows}";
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdateMessageAsync(DbConnection connection, DbTransaction transaction, ChatMessage message, CancellationToken cancellationToken)
    {
        await using var update = connection.CreateCommand(
                "UPDATE messages SET text = @text, attachments = @files, edited_at_ms = @edited, deleted_at_ms = @deleted, change_seq = @change, " +
                "reactions = @reactions, reply_to_seq = @reply, reply_sender_id = @replySender, reply_sender_name = @replyName, " +
                "reply_excerpt = @replyExcerpt, mentions = @mentions WHERE room_id = @room AND seq = @seq AND change_seq < @change", transaction)
            .With("@room", message.RoomId).With("@seq", message.Seq).With("@text", message.Text)
            .With("@files", AttachmentsJson.Write(message.Attachments))
            .With("@edited", message.EditedAt?.ToUnixTimeMilliseconds()).With("@deleted", message.DeletedAt?.ToUnixTimeMilliseconds())
            .With("@change", message.ChangeSeq).With("@reactions", ReactionsJson.Write(message.Reactions))
            .With("@reply", message.ReplyTo?.Seq).With("@replySender", message.ReplyTo?.SenderId)
            .With("@replyName", message.ReplyTo?.SenderName).With("@replyExcerpt", message.ReplyTo?.Excerpt)
            .With("@mentions", MentionsJson.Write(message.Mentions));
        await ExpectOneRowAsync(update, message, cancellationToken);
    }

    /// <summary>
    /// Reactions only: the text is left out of the statement, so that the search index's trigger (which runs on any
    /// update naming the text) does not re-index the message for every batch of a storm.
    /// </summary>
    private static async Task UpdateReactionsAsync(DbConnection connection, DbTransaction transaction, ChatMessage message, CancellationToken cancellationToken)
    {
        await using var update = connection.CreateCommand(
                "UPDATE messages SET change_seq = @change, reactions = @reactions WHERE room_id = @room AND seq = @seq AND change_seq < @change", transaction)
            .With("@room", message.RoomId).With("@seq", message.Seq)
            .With("@change", message.ChangeSeq).With("@reactions", ReactionsJson.Write(message.Reactions));
        await ExpectOneRowAsync(update, message, cancellationToken);
    }

    private static async Task ExpectOneRowAsync(DbCommand update, ChatMessage message, CancellationToken cancellationToken)
    {
        // Not there (archived meanwhile) or already further on: the batch is not what the room thought it was.
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Message {message.Seq} of room {message.RoomId} is not stored as the change expected.");
        }
    }

    /// <summary>One statement for the reactions given and one for those taken back, whatever the batch's size (at most the batch limit).</summary>
    private static async Task ApplyReactionsAsync(DbConnection connection, DbTransaction transaction, string roomId, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        // A batch may give and take back one reaction: only its last word counts.
        var last = changes.Where(c => c.Kind == ChangeKind.Reaction)
            .GroupBy(c => (c.Seq, c.Emoji, c.UserId)).Select(g => g.Last()).ToArray();
        var given = last.Where(c => c.Reacted == true).ToArray();
        var taken = last.Where(c => c.Reacted == false).ToArray();
        var batches = SqlBatches.For(connection);
        if (given.Length > 0)
        {
            await using var insert = connection.CreateCommand("", transaction);
            var rows = batches.Rows(insert,
            [
                ("@room", given.Select(_ => roomId).ToArray()),
                ("@seq", given.Select(c => c.Seq).ToArray()),
                ("@emoji", given.Select(c => c.Emoji!).ToArray()),
                ("@user", given.Select(c => c.UserId).ToArray()),
            ]);
            insert.CommandText = $"INSERT INTO reactions (room_id, seq, emoji, user_id) {rows} ON CONFLICT DO NOTHING";
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (taken.Length > 0)
        {
            await using var delete = connection.CreateCommand("", transaction).With("@room", roomId);
            var rows = string.Join(" OR ", taken.Select((change, i) =>
            {
                delete.With($"@seq{i}", change.Seq).With($"@emoji{i}", change.Emoji).With($"@user{i}", change.UserId);
                return $"(seq = @seq{i} AND emoji = @emoji{i} AND user_id = @user{i})";
            }));
            delete.CommandText = $"DELETE FROM reactions WHERE room_id = @room AND ({rows})";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What a deleted message leaves nowhere: the text of its earlier edits, its quotes' excerpts, its reactions, and
    /// its files (marked for the sweep, which removes their bytes).
    /// </summary>
    private static async Task ForgetDeletedAsync(DbConnection connection, DbTransaction transaction, MessageChange deletion, CancellationToken cancellationToken)
    {
        string[] statements =
        [
            "UPDATE message_changes SET text = '', mentions = NULL WHERE room_id = @room AND seq = @seq AND kind = 'edited'",
            "UPDATE messages SET reply_excerpt = '' WHERE room_id = @room AND reply_to_seq = @seq",
            "DELETE FROM reactions WHERE room_id = @room AND seq = @seq",
            "UPDATE files SET deleted_at_ms = @at WHERE room_id = @room AND message_id = (SELECT message_id FROM messages WHERE room_id = @room AND seq = @seq)",
        ];
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand(sql, transaction)
                .With("@room", deletion.RoomId).With("@seq", deletion.Seq).With("@at", deletion.At.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<HashSet<ReactionKey>> ReadKeysAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var keys = new HashSet<ReactionKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) keys.Add(new ReactionKey(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return keys;
    }

    private static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.Edited => "edited",
        ChangeKind.Deleted => "deleted",
        ChangeKind.Reaction => "reaction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
