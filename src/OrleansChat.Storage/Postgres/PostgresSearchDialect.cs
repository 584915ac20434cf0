using System.Data.Common;
using System.Globalization;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// tsvector (migration 0009_search): the GIN index on <c>to_tsvector('simple', text)</c> finds the messages; the
/// query must name that same expression to use it. In one room, newest first is by seq; across rooms, by sent time
/// then room and seq (<c>messages_sent_at</c>). The cursor is the last hit's <c>sentAtMs.seq.roomId</c>.
/// </summary>
internal sealed class PostgresSearchDialect : SearchDialect
{
    public static readonly PostgresSearchDialect Instance = new();

    private const string Query = "plainto_tsquery('simple', @match)";

    /// <summary>How many of the latest messages (of the room, or of the log) the first step looks through.</summary>
    private const int RecentWindow = 2_000;

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

    public override void Prepare(DbCommand command, SearchRequest request, int limit)
    {
        // plainto_tsquery reads words and ignores every operator and punctuation.
        command.With("@match", string.Join(" ", request.Terms.Terms)).With("@headline", Headline).With("@limit", limit);
        var matches = $"to_tsvector('simple', m.text) @@ {Query} AND {Readable(command, request.Reader, "r")}";
        var cursor = request.Before is null ? null : ParseCursor(request.Before);
        command.CommandText = request.RoomId is null ? AcrossRooms(command, matches, cursor) : InOneRoom(command, request.RoomId, matches, cursor);
    }

    /// <summary>
    /// Newest first by seq, in two steps, because neither of PostgreSQL's plans is good for every word: walking the
    /// primary key backwards finds a common word's latest matches at once but reads a whole history for a rare one,
    /// while the GIN index finds a rare word's few matches at once but hands over all of a common word's before they
    /// are sorted. So: the latest <see cref="RecentWindow"/> messages first (bounded work, whichever plan), and only
    /// when they hold less than a page, the rest through the index (the word is then rare there).
    /// </summary>
    private static string InOneRoom(DbCommand command, string roomId, string matches, (long SentAtMs, long Seq, string RoomId)? cursor)
    {
        command.With("@room", roomId);
        var high = "(SELECT last_seq + 1 FROM rooms WHERE room_id = @room)";
        if (cursor is not null)
        {
            high = "@beforeSeq";
            command.With("@beforeSeq", cursor.Value.Seq);
        }
        var from = $"SELECT {Columns} FROM messages m JOIN rooms r ON r.room_id = m.room_id WHERE m.room_id = @room AND {matches}";
        // seq + 0 keeps the planner off the primary key's order, which is the slow plan for what is left here.
        return $"WITH recent AS ({from} AND m.seq < {high} AND m.seq >= {high} - {RecentWindow} ORDER BY m.seq DESC LIMIT @limit), " +
               $"older AS ({from} AND m.seq < {high} - {RecentWindow} AND (SELECT count(*) FROM recent) < @limit ORDER BY m.seq + 0 DESC LIMIT @limit), " +
               "hits AS (SELECT * FROM recent UNION ALL SELECT * FROM older ORDER BY seq DESC LIMIT @limit) " +
               $"{Headlines} ORDER BY h.seq DESC";
    }

    /// <summary>
    /// Newest first by sent time, then room and seq, in the same two steps as <see cref="InOneRoom"/>: the latest
    /// <see cref="RecentWindow"/> messages of the whole log first (walking the <c>messages_sent_at</c> index), and
    /// only when they hold less than a page, what is older than all of them through the GIN index.
    /// </summary>
    private static string AcrossRooms(DbCommand command, string matches, (long SentAtMs, long Seq, string RoomId)? cursor)
    {
        var after = "";
        if (cursor is not null)
        {
            // The first condition lets the index start at the cursor; the row comparison is the exact one.
            after = " AND m.sent_at_ms <= @beforeAt AND (m.sent_at_ms, m.room_id, m.seq) < (@beforeAt, @beforeRoom, @beforeSeq)";
            command.With("@beforeAt", cursor.Value.SentAtMs).With("@beforeRoom", cursor.Value.RoomId).With("@beforeSeq", cursor.Value.Seq);
        }
        const string newestFirst = "ORDER BY m.sent_at_ms DESC, m.room_id DESC, m.seq DESC";
        var from = $"SELECT {Columns} FROM messages m JOIN rooms r ON r.room_id = m.room_id WHERE {matches}{after}";
        // sent_at_ms + 0 keeps the planner off the sent_at_ms index's order for what is left, as in InOneRoom.
        return $"WITH latest AS (SELECT m.room_id, m.seq, m.sent_at_ms FROM messages m WHERE TRUE{after} {newestFirst} LIMIT {RecentWindow}), " +
               $"recent AS ({from} AND (m.room_id, m.seq) IN (SELECT room_id, seq FROM latest) {newestFirst} LIMIT @limit), " +
               $"older AS ({from} AND (m.sent_at_ms, m.room_id, m.seq) < " +
               "(SELECT sent_at_ms, room_id, seq FROM latest ORDER BY sent_at_ms, room_id, seq LIMIT 1) " +
               "AND (SELECT count(*) FROM recent) < @limit ORDER BY m.sent_at_ms + 0 DESC, m.room_id DESC, m.seq DESC LIMIT @limit), " +
               "hits AS (SELECT * FROM recent UNION ALL SELECT * FROM older ORDER BY sent_at_ms DESC, room_id DESC, seq DESC LIMIT @limit) " +
               $"{Headlines} ORDER BY h.sent_at_ms DESC, h.room_id DESC, h.seq DESC";
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
