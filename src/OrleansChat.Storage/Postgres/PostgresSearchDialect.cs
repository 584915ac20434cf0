using System.Data.Common;
using System.Globalization;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Search;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// tsvector (migration 0009_search): the GIN index on <c>to_tsvector('simple', text)</c> finds the messages; the
/// query must name that same expression to use it. In one room, newest first is by seq; across rooms, by sent time
/// then room and seq (<c>messages_sent_at</c>). The cursor is the last hit's <c>sentAtMs.seq.roomId</c>.
/// </summary>
/// <remarks>
/// Neither of PostgreSQL's plans is good for every word: walking an index in order finds a common word's latest
/// matches at once but reads a whole history for a rare one, while the GIN index finds a rare word's few matches at
/// once but hands over all of a common word's (thousands of rows read) before they are sorted. So a search looks
/// through widening windows of the latest messages, each only when the narrower ones held less than a page: the
/// latest 2,000, then the latest 20,000, then the rest. A word common enough to fill a page soon is found in a
/// small window, where the GIN index and the window's range are intersected before any row is read; only a word
/// rare in the latest 20,000 reaches the rest, and it is rare there too. The windows' bounds are read first, as
/// numbers, so that the planner sizes each window right rather than guessing a subquery's.
/// </remarks>
internal sealed class PostgresSearchDialect : SearchDialect
{
    public static readonly PostgresSearchDialect Instance = new();

    private const string Query = "plainto_tsquery('simple', @match)";

    /// <summary>The widening windows: how many of the latest messages (of the room, or of the log) each covers.</summary>
    private static readonly int[] Windows = [2_000, 20_000];

    private const string Columns = "m.room_id, r.name, m.seq, m.message_id, m.sender_id, m.sender_name, m.sent_at_ms, m.text";

    /// <summary>The rows of a page's <c>hits</c>, with their headline (snippet): made for those rows only.</summary>
    private const string Headlines =
        $"SELECT h.room_id, h.name, h.seq, h.message_id, h.sender_id, h.sender_name, h.sent_at_ms, ts_headline('simple', h.text, {Query}, @headline) FROM hits h";

    /// <summary>ts_headline's options: the marks, and how many words of context.</summary>
    private static readonly string Headline = $"StartSel={MarkedSnippet.Open}, StopSel={MarkedSnippet.Close}, MaxWords=24, MinWords=12";

    /// <summary>
    /// A search through the GIN index can cost enough for PostgreSQL to compile its plan just in time, which takes
    /// longer (100 ms and more) than running it: the bench's tail was that compilation.
    /// </summary>
    public override string Setting => "SET LOCAL jit = off";

    public override async Task PrepareAsync(DbCommand command, SearchRequest request, int limit, CancellationToken cancellationToken)
    {
        // plainto_tsquery reads words and ignores every operator and punctuation.
        command.With("@match", string.Join(" ", request.Terms.Terms)).With("@headline", Headline).With("@limit", limit);
        var matches = $"to_tsvector('simple', m.text) @@ {Query} AND {Readable(command, request.Reader, "r")}";
        var cursor = request.Before is null ? null : ParseCursor(request.Before);
        command.CommandText = request.RoomId is null
            ? await AcrossRoomsAsync(command, matches, cursor, cancellationToken)
            : await InOneRoomAsync(command, request.RoomId, matches, cursor, cancellationToken);
    }

    /// <summary>Newest first by seq; a window is a range of seqs below the room's next (or the cursor's).</summary>
    private static async Task<string> InOneRoomAsync(
        DbCommand command, string roomId, string matches, (long SentAtMs, long Seq, string RoomId)? cursor, CancellationToken cancellationToken)
    {
        command.With("@room", roomId);
        var high = cursor?.Seq ?? await ScalarAsync(command, "SELECT last_seq + 1 FROM rooms WHERE room_id = @room", cancellationToken,
            ("@room", roomId)) ?? 0;
        var bounds = Windows.Select(size => high - size).Prepend(high).ToArray();
        var from = $"SELECT {Columns} FROM messages m JOIN rooms r ON r.room_id = m.room_id WHERE m.room_id = @room AND {matches}";
        return Search(command, bounds, from, "m.seq", "ORDER BY m.seq DESC", "ORDER BY m.seq + 0 DESC", "ORDER BY seq DESC") +
               $"{Headlines} ORDER BY h.seq DESC";
    }

    /// <summary>Newest first by sent time, then room and seq; a window is a range of sent times, from the log's latest messages.</summary>
    private static async Task<string> AcrossRoomsAsync(
        DbCommand command, string matches, (long SentAtMs, long Seq, string RoomId)? cursor, CancellationToken cancellationToken)
    {
        var after = "";
        (string, object)[] cursorParameters = [];
        if (cursor is not null)
        {
            // The first condition lets the index start at the cursor; the row comparison is the exact one.
            after = " AND m.sent_at_ms <= @beforeAt AND (m.sent_at_ms, m.room_id, m.seq) < (@beforeAt, @beforeRoom, @beforeSeq)";
            cursorParameters = [("@beforeAt", cursor.Value.SentAtMs), ("@beforeRoom", cursor.Value.RoomId), ("@beforeSeq", cursor.Value.Seq)];
            foreach (var (name, value) in cursorParameters) command.With(name, value);
        }
        // The sent time of the log's n-th latest message (before the cursor): walking messages_sent_at n entries. A log
        // shorter than a window leaves that window open downwards.
        var bounds = new List<long> { long.MaxValue };
        foreach (var size in Windows)
        {
            var bound = await ScalarAsync(command,
                $"SELECT m.sent_at_ms FROM messages m WHERE TRUE{after} ORDER BY m.sent_at_ms DESC OFFSET {size - 1} LIMIT 1", cancellationToken, cursorParameters);
            bounds.Add(bound ?? long.MinValue);
        }
        var from = $"SELECT {Columns} FROM messages m JOIN rooms r ON r.room_id = m.room_id WHERE {matches}{after}";
        return Search(command, [.. bounds], from, "m.sent_at_ms",
                   "ORDER BY m.sent_at_ms DESC, m.room_id DESC, m.seq DESC", "ORDER BY m.sent_at_ms + 0 DESC, m.room_id DESC, m.seq DESC",
                   "ORDER BY sent_at_ms DESC, room_id DESC, seq DESC") +
               $"{Headlines} ORDER BY h.sent_at_ms DESC, h.room_id DESC, h.seq DESC";
    }

    /// <summary>
    /// The windows as CTEs <c>w0</c>, <c>w1</c>, ...: window i holds the matches whose <paramref name="key"/> is in
    /// [bounds[i + 1], bounds[i]) (the last: below its upper bound), each run only while the windows before it hold
    /// less than a page; then <c>hits</c>, the page. The last window's order is written so that the planner does not
    /// walk the key's index through the whole rest (<paramref name="lastOrder"/>: <c>key + 0</c>).
    /// </summary>
    private static string Search(DbCommand command, long[] bounds, string from, string key, string order, string lastOrder, string hitsOrder)
    {
        for (var i = 0; i < bounds.Length; i++) command.With($"@bound{i}", bounds[i]);
        var windows = new List<string>();
        for (var i = 0; i < bounds.Length; i++)
        {
            var last = i == bounds.Length - 1;
            var range = last ? $"{key} < @bound{i}" : $"{key} < @bound{i} AND {key} >= @bound{i + 1}";
            var stillShort = i == 0 ? "" : $" AND {string.Join(" + ", windows.Select((_, j) => $"(SELECT count(*) FROM w{j})"))} < @limit";
            windows.Add($"w{i} AS ({from} AND {range}{stillShort} {(last ? lastOrder : order)} LIMIT @limit)");
        }
        var page = string.Join(" UNION ALL ", windows.Select((_, i) => $"SELECT * FROM w{i}"));
        return $"WITH {string.Join(", ", windows)}, hits AS ({page} {hitsOrder} LIMIT @limit) ";
    }

    /// <summary>A number read before the search, in its transaction.</summary>
    private static async Task<long?> ScalarAsync(DbCommand search, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = search.Connection!.CreateCommand(sql, search.Transaction);
        foreach (var (name, value) in parameters) command.With(name, value);
        return await command.ExecuteScalarAsync(cancellationToken) is long number ? number : null;
    }

    public override string CursorOf(DbDataReader row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.GetInt64(6)}.{row.GetInt64(2)}.{row.GetString(0)}");

    private static (long SentAtMs, long Seq, string RoomId)? ParseCursor(string cursor)
    {
        var parts = cursor.Split('.', 3);
        return parts.Length == 3
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sentAtMs)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
               && parts[2].Length > 0
            ? (sentAtMs, seq, parts[2])
            : throw NotOurCursor();
    }
}
