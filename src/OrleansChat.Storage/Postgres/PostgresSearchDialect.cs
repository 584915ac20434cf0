using System.Data.Common;
using System.Globalization;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// tsvector (migration 0009_search): the GIN index on <c>to_tsvector('simple', text)</c> finds the messages; the
/// query must name that same expression to use it. In one room, newest first is by seq (the primary key, which
/// the planner may walk backwards instead when a word is common); across rooms, by sent time then room and seq.
/// The cursor is the last hit's <c>sentAtMs.seq.roomId</c>. The headline (snippet) is made for the page's rows only.
/// </summary>
internal sealed class PostgresSearchDialect : SearchDialect
{
    public static readonly PostgresSearchDialect Instance = new();

    private const string Query = "plainto_tsquery('simple', @match)";

    /// <summary>ts_headline's options: the marks, and how many words of context.</summary>
    private static readonly string Headline = $"StartSel={MarkedSnippet.Open}, StopSel={MarkedSnippet.Close}, MaxWords=24, MinWords=12";

    public override void Prepare(DbCommand command, SearchRequest request, int limit)
    {
        var where = new List<string> { $"to_tsvector('simple', m.text) @@ {Query}", Readable(command, request.Reader, "r") };
        // plainto_tsquery reads words and ignores every operator and punctuation.
        command.With("@match", string.Join(" ", request.Terms.Terms)).With("@headline", Headline).With("@limit", limit);
        var cursor = request.Before is null ? null : ParseCursor(request.Before);
        string order;
        if (request.RoomId is not null)
        {
            where.Add("m.room_id = @room");
            command.With("@room", request.RoomId);
            if (cursor is not null)
            {
                where.Add("m.seq < @beforeSeq");
                command.With("@beforeSeq", cursor.Value.Seq);
            }
            order = "seq DESC";
        }
        else
        {
            if (cursor is not null)
            {
                where.Add("(m.sent_at_ms, m.room_id, m.seq) < (@beforeAt, @beforeRoom, @beforeSeq)");
                command.With("@beforeAt", cursor.Value.SentAtMs).With("@beforeRoom", cursor.Value.RoomId).With("@beforeSeq", cursor.Value.Seq);
            }
            order = "sent_at_ms DESC, room_id DESC, seq DESC";
        }
        command.CommandText =
            $"SELECT h.room_id, h.name, h.seq, h.message_id, h.sender_id, h.sender_name, h.sent_at_ms, ts_headline('simple', h.text, {Query}, @headline) " +
            "FROM (SELECT m.room_id, r.name, m.seq, m.message_id, m.sender_id, m.sender_name, m.sent_at_ms, m.text " +
            "FROM messages m JOIN rooms r ON r.room_id = m.room_id " +
            $"WHERE {string.Join(" AND ", where)} ORDER BY m.{order.Replace(", ", ", m.", StringComparison.Ordinal)} LIMIT @limit) h " +
            $"ORDER BY h.{order.Replace(", ", ", h.", StringComparison.Ordinal)}";
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
