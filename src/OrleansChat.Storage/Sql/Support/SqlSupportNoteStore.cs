using OrleansChat.Contracts;
using OrleansChat.Grains.Support;

namespace OrleansChat.Storage.Sql.Support;

/// <summary>Private notes in the <c>support_notes</c> table, never in <c>messages</c>.</summary>
public sealed class SqlSupportNoteStore(IChatDatabase database) : ISupportNoteStore
{
    public Task<bool> AddAsync(string siteId, SupportNote note, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using (var count = connection.CreateCommand(
                             "SELECT COUNT(*) FROM support_notes WHERE site_id = @site AND conversation_id = @conversation", transaction)
                         .With("@site", siteId).With("@conversation", note.ConversationId))
            {
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancelled)) >= SupportNote.MaxPerConversation) return false;
            }
            await using var insert = connection.CreateCommand(
                    "INSERT INTO support_notes (site_id, conversation_id, note_id, author_id, author_name, text, created_at_ms) " +
                    "VALUES (@site, @conversation, @id, @author, @name, @text, @at)", transaction)
                .With("@site", siteId).With("@conversation", note.ConversationId).With("@id", note.NoteId).With("@author", note.AuthorId)
                .With("@name", note.AuthorName).With("@text", note.Text).With("@at", note.CreatedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancelled);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<SupportNote>> ListAsync(string siteId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
                "SELECT note_id, author_id, author_name, text, created_at_ms FROM support_notes " +
                "WHERE site_id = @site AND conversation_id = @conversation ORDER BY created_at_ms, note_id")
            .With("@site", siteId).With("@conversation", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var notes = new List<SupportNote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(new SupportNote(reader.GetString(0), conversationId, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return notes;
    }
}
