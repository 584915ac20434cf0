using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Search;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sqlite;

namespace OrleansChat.Storage.Sql.Search;

/// <summary>
/// The one place where the engines' SQL differs: full-text search is not standard SQL (SQLite's FTS5 against
/// PostgreSQL's tsvector). Each dialect writes a query whose rows are, in order: room id, room name, seq, message
/// id, sender id, sender name, sent at (Unix ms), and the snippet marked with <see cref="MarkedSnippet"/>'s
/// characters; then whatever it needs for its cursor.
/// </summary>
internal abstract class SearchDialect
{
    public static SearchDialect For(string engine) => engine == "Postgres" ? PostgresSearchDialect.Instance : SqliteSearchDialect.Instance;

    /// <summary>A setting for the search's own transaction, run before it; null for none.</summary>
    public virtual string? Setting => null;

    /// <summary>
    /// Writes the search into <paramref name="command"/>, for up to <paramref name="limit"/> rows; it may read what
    /// the search's plan depends on first, on the command's connection.
    /// </summary>
    public abstract Task PrepareAsync(DbCommand command, SearchRequest request, int limit, CancellationToken cancellationToken);

    /// <summary>The cursor that continues after the row the reader is on.</summary>
    public abstract string CursorOf(DbDataReader row);

    /// <summary>
    /// Who may read a room, as <c>RoomGrain</c> decides it: its members, and for a public room anyone who reads
    /// public rooms. Part of every search's WHERE, so rows of other rooms never leave the database.
    /// </summary>
    public static string Readable(DbCommand command, SearchReader reader, string rooms)
    {
        command.With("@reader", reader.UserId);
        var member = $"EXISTS (SELECT 1 FROM room_members rm WHERE rm.room_id = {rooms}.room_id AND rm.user_id = @reader)";
        return reader.ReadsPublicRooms ? $"({member} OR {rooms}.visibility = 'public')" : member;
    }

    protected static ChatException NotOurCursor() => ChatException.Invalid("before must be a cursor that an earlier page of this search gave (its next).");
}
