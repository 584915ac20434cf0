using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Support;

namespace OrleansChat.Storage.Sql.Support;

/// <summary>
/// Canned responses in the <c>canned_responses</c> table. Each write checks the site's other responses in its own
/// transaction; the table's unique (site, shortcut) is the last word should two writers ever race.
/// </summary>
public sealed class SqlCannedResponseStore(IChatDatabase database) : ICannedResponseStore
{
    public async Task<IReadOnlyList<CannedResponse>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand(
                "SELECT response_id, shortcut, text, updated_at_ms FROM canned_responses WHERE site_id = @site ORDER BY shortcut")
            .With("@site", siteId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var responses = new List<CannedResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            responses.Add(new CannedResponse(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }
        return responses;
    }

    public Task<CannedResponseWrite> AddAsync(string siteId, CannedResponse response, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            if (await ShortcutTakenAsync(connection, transaction, siteId, response, cancelled)) return CannedResponseWrite.DuplicateShortcut;
            await using (var count = connection.CreateCommand("SELECT COUNT(*) FROM canned_responses WHERE site_id = @site", transaction)
                             .With("@site", siteId))
            {
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancelled)) >= CannedResponse.MaxPerSite) return CannedResponseWrite.SiteFull;
            }
            await using var insert = connection.CreateCommand(
                    "INSERT INTO canned_responses (site_id, response_id, shortcut, text, updated_at_ms) VALUES (@site, @id, @shortcut, @text, @at) " +
                    "ON CONFLICT DO NOTHING", transaction);
            var inserted = await With(insert, siteId, response).ExecuteNonQueryAsync(cancelled);
            return inserted == 1 ? CannedResponseWrite.Saved : CannedResponseWrite.DuplicateShortcut;
        }, cancellationToken);

    public Task<CannedResponseWrite> UpdateAsync(string siteId, CannedResponse response, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using (var exists = connection.CreateCommand("SELECT 1 FROM canned_responses WHERE site_id = @site AND response_id = @id", transaction)
                             .With("@site", siteId).With("@id", response.ResponseId))
            {
                if (await exists.ExecuteScalarAsync(cancelled) is null) return CannedResponseWrite.NotFound;
            }
            if (await ShortcutTakenAsync(connection, transaction, siteId, response, cancelled)) return CannedResponseWrite.DuplicateShortcut;
            await using var update = connection.CreateCommand(
                "UPDATE canned_responses SET shortcut = @shortcut, text = @text, updated_at_ms = @at WHERE site_id = @site AND response_id = @id",
                transaction);
            await With(update, siteId, response).ExecuteNonQueryAsync(cancelled);
            return CannedResponseWrite.Saved;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string siteId, string responseId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var delete = connection.CreateCommand("DELETE FROM canned_responses WHERE site_id = @site AND response_id = @id", transaction)
                .With("@site", siteId).With("@id", responseId);
            return await delete.ExecuteNonQueryAsync(cancelled) == 1;
        }, cancellationToken);

    /// <summary>Whether another of the site's responses has this one's shortcut.</summary>
    private static async Task<bool> ShortcutTakenAsync(
        DbConnection connection, DbTransaction transaction, string siteId, CannedResponse response, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand(
                "SELECT 1 FROM canned_responses WHERE site_id = @site AND shortcut = @shortcut AND response_id <> @id", transaction)
            .With("@site", siteId).With("@shortcut", response.Shortcut).With("@id", response.ResponseId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static DbCommand With(DbCommand command, string siteId, CannedResponse response) =>
        command.With("@site", siteId).With("@id", response.ResponseId).With("@shortcut", response.Shortcut)
            .With("@text", response.Text).With("@at", response.UpdatedAt.ToUnixTimeMilliseconds());
}
