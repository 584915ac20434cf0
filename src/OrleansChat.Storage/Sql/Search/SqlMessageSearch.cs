using OrleansChat.Contracts;
using OrleansChat.Grains.Search;

namespace OrleansChat.Storage.Sql.Search;

/// <summary>Full-text search of the <c>messages</c> table through the engine's own index (<see cref="SearchDialect"/>).</summary>
public sealed class SqlMessageSearch(IChatDatabase database) : IMessageSearch
{
    private readonly SearchDialect _dialect = SearchDialect.For(database.Engine);

    public async Task<RoomReadAccess> ReadAccessAsync(string roomId, SearchReader reader, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("").With("@room", roomId);
        command.CommandText = $"SELECT CASE WHEN {SearchDialect.Readable(command, reader, "r")} THEN 1 ELSE 0 END FROM rooms r WHERE r.room_id = @room";
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            null or DBNull => RoomReadAccess.Unknown,
            var readable when Convert.ToInt32(readable) == 1 => RoomReadAccess.Readable,
            _ => RoomReadAccess.Refused,
        };
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Read only: the transaction is there for the dialect's setting, and ends with the search.
        await using var transaction = _dialect.Setting is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        if (_dialect.Setting is { } setting)
        {
            await using var set = connection.CreateCommand(setting, transaction);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = connection.CreateCommand("", transaction);
        // One more than the page: whether there is a next page, without counting the matches.
        await _dialect.PrepareAsync(command, request, request.Limit + 1, cancellationToken);
        var hits = new List<SearchHit>(request.Limit);
        string? last = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The next page begins after this page's last hit.
            if (hits.Count == request.Limit) return new SearchResults(hits, last);
            last = _dialect.CursorOf(reader);
            var (snippet, highlights) = MarkedSnippet.Parse(reader.GetString(7));
            hits.Add(new SearchHit(
                RoomId: reader.GetString(0),
                RoomName: reader.GetString(1),
                Seq: reader.GetInt64(2),
                MessageId: reader.GetString(3),
                SenderId: reader.GetString(4),
                SenderName: reader.GetString(5),
                SentAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                Snippet: snippet,
                Highlights: highlights));
        }
        return new SearchResults(hits, Next: null);
    }
}
