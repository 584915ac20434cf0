using System.Data.Common;
using System.Globalization;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Search;

namespace OrleansChat.Storage.Sqlite;

/// <summary>
/// FTS5 (migration 0007_search): <c>message_search</c> indexes every message's text under a row id handed out in
/// the order messages were stored, so newest first is the index's own order read backwards, and a page stops as
/// soon as it is full however many messages match. The cursor is that row id.
/// </summary>
internal sealed class SqliteSearchDialect : SearchDialect
{
    public static readonly SqliteSearchDialect Instance = new();

    /// <summary>Tokens of context in a snippet (FTS5 allows up to 64).</summary>
    private const int SnippetTokens = 24;

    public override Task PrepareAsync(DbCommand command, SearchRequest request, int limit, CancellationToken cancellationToken)
    {
        var where = new List<string> { "message_search MATCH @match", Readable(command, request.Reader, "r") };
        command.With("@match", Match(request.Terms.Terms)).With("@limit", limit);
        if (request.RoomId is not null)
        {
            where.Add("s.room_id = @room");
            command.With("@room", request.RoomId);
        }
        if (request.Before is not null)
        {
            where.Add("message_search.rowid < @before");
            command.With("@before", ParseCursor(request.Before));
        }
        // CROSS JOIN keeps the index as the outer loop (SQLite does not reorder it), so that the rows come in the
        // index's order and the LIMIT ends the scan.
        command.CommandText =
            "SELECT s.room_id, r.name, m.seq, m.message_id, m.sender_id, m.sender_name, m.sent_at_ms, " +
            $"snippet(message_search, 0, char(2), char(3), '…', {SnippetTokens}), message_search.rowid " +
            "FROM message_search " +
            "CROSS JOIN message_search_rows s ON s.row_id = message_search.rowid " +
            "CROSS JOIN messages m ON m.room_id = s.room_id AND m.seq = s.seq " +
            "CROSS JOIN rooms r ON r.room_id = s.room_id " +
            $"WHERE {string.Join(" AND ", where)} " +
            "ORDER BY message_search.rowid DESC LIMIT @limit";
        return Task.CompletedTask;
    }

    public override string CursorOf(DbDataReader row) => row.GetInt64(8).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Every term as an FTS5 string (in double quotes, quotes doubled): the tokenizer splits it into words, never
    /// into operators, so nothing typed can make the MATCH a syntax error. Strings side by side must all match.
    /// </summary>
    private static string Match(IReadOnlyList<string> terms) =>
        string.Join(" ", terms.Select(term => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static long ParseCursor(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId) && rowId > 0 ? rowId : throw NotOurCursor();
}
