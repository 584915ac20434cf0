using System.Data.Common;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Messages;

/// <summary>The <c>mentions</c> rows of messages, written in the transaction that stores or changes them.</summary>
internal static class MentionRows
{
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var rows = messages.SelectMany(m => (m.Mentions ?? []).Select(userId => (m.RoomId, m.Seq, UserId: userId))).ToArray();
        if (rows.Length == 0) return;
        await using var insert = connection.CreateCommand("", transaction);
        var values = SqlBatches.For(connection).Rows(insert,
        [
            ("@user", rows.Select(r => r.UserId).ToArray()),
            ("@room", rows.Select(r => r.RoomId).ToArray()),
            ("@seq", rows.Select(r => r.Seq).ToArray()),
        ]);
        insert.CommandText = $"INSERT INTO mentions (user_id, room_id, seq) {values} ON CONFLICT DO NOTHING";
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces a changed message's rows with those of its new state (none once it is deleted).</summary>
    public static async Task ReplaceAsync(DbConnection connection, DbTransaction transaction, ChatMessage message, CancellationToken cancellationToken)
    {
        await using (var delete = connection.CreateCommand("DELETE FROM mentions WHERE room_id = @room AND seq = @seq", transaction)
                         .With("@room", message.RoomId).With("@seq", message.Seq))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await AddAsync(connection, transaction, [message], cancellationToken);
    }
}
