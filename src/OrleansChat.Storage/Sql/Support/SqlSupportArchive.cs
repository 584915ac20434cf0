using System.Data.Common;
using System.Globalization;
using OrleansChat.Contracts;
using OrleansChat.Grains.Support;

namespace OrleansChat.Storage.Sql.Support;

/// <summary>The support desk's conversations in the <c>support_conversations</c> table.</summary>
public sealed class SqlSupportArchive(IChatDatabase database) : ISupportArchive
{
    private const string Columns =
        "conversation_id, room_id, visitor_id, visitor_name, status, agent_id, topic, page, created_at_ms, status_since_ms, revision, " +
        "labels, history, pages, rating, rating_comment, rated_at_ms, visitor_email, wants_transcript";

    /// <summary>The visitor's first message in the room, as the message log holds it (the assistant's are of kind assistant).</summary>
    private const string FirstVisitorMessage =
        "(SELECT MIN(m.sent_at_ms) FROM messages m WHERE m.room_id = c.room_id AND m.sender_id = c.visitor_id AND m.kind = 'text')";

    /// <summary>What a conversation's row becomes when it is written again: the later of the two (a desk's state may hold a copy the archive has moved past).</summary>
    private const string Replace =
        "DO UPDATE SET visitor_name = excluded.visitor_name, status = excluded.status, " +
        "agent_id = excluded.agent_id, topic = excluded.topic, page = excluded.page, status_since_ms = excluded.status_since_ms, " +
        "resolved_at_ms = excluded.resolved_at_ms, revision = excluded.revision, labels = excluded.labels, " +
        "history = excluded.history, pages = excluded.pages, visitor_email = excluded.visitor_email, " +
        "wants_transcript = excluded.wants_transcript " +
        "WHERE support_conversations.revision <= excluded.revision";

    public Task SaveAsync(string siteId, IReadOnlyList<SupportRecord> records, CancellationToken cancellationToken = default) =>
        WriteAsync(siteId, records, Replace, cancellationToken);

    public Task AddMissingAsync(string siteId, IReadOnlyList<SupportRecord> records, CancellationToken cancellationToken = default) =>
        WriteAsync(siteId, records, "DO NOTHING", cancellationToken);

    private Task WriteAsync(string siteId, IReadOnlyList<SupportRecord> records, string onConflict, CancellationToken cancellationToken) =>
        records.Count == 0 ? Task.CompletedTask : database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            foreach (var record in records)
            {
                var c = record.Conversation;
                await using var upsert = connection.CreateCommand(
                        "INSERT INTO support_conversations (site_id, conversation_id, room_id, visitor_id, visitor_name, status, agent_id, topic, page, " +
                        "created_at_ms, status_since_ms, resolved_at_ms, revision, labels, history, pages, visitor_email, wants_transcript) VALUES (@site, @id, " +
                        "@room, @visitor, @name, @status, @agent, @topic, @page, @created, @since, @resolved, @revision, @labels, @history, @pages, @email, " +
                        $"@transcript) ON CONFLICT (site_id, conversation_id) {onConflict}", transaction)
                    .With("@site", siteId).With("@id", c.ConversationId).With("@room", c.RoomId).With("@visitor", c.VisitorId)
                    .With("@name", c.VisitorName).With("@status", SupportStatusNames.Of(c.Status)).With("@agent", c.AgentId)
                    .With("@topic", c.Topic).With("@page", c.Page).With("@created", c.CreatedAt.ToUnixTimeMilliseconds())
                    .With("@since", c.StatusSince.ToUnixTimeMilliseconds())
                    .With("@resolved", c.Status == SupportStatus.Resolved ? c.StatusSince.ToUnixTimeMilliseconds() : null)
                    .With("@revision", c.Revision).With("@labels", SupportRecordsJson.WriteLabels(c.Labels))
                    .With("@history", SupportRecordsJson.WriteHistory(record.History)).With("@pages", SupportRecordsJson.WritePages(record.Pages))
                    .With("@email", c.VisitorEmail).With("@transcript", c.WantsTranscript ? 1 : 0);
                await upsert.ExecuteNonQueryAsync(cancelled);
            }
            return true;
        }, cancellationToken);

    public async Task<long> GetLastRevisionAsync(string siteId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT MAX(revision) FROM support_conversations WHERE site_id = @site")
            .With("@site", siteId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } max and not DBNull ? Convert.ToInt64(max) : 0;
    }

    public async Task<SupportRecord?> FindAsync(string siteId, string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT {Columns} FROM support_conversations WHERE site_id = @site AND conversation_id = @id")
            .With("@site", siteId).With("@id", conversationId);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<SupportRecordPage> ListAsync(string siteId, SupportQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("").With("@site", siteId).With("@limit", query.Limit + 1);
        var where = new List<string> { "site_id = @site" };
        if (query.Status is { } status)
        {
            where.Add("status = @status");
            command.With("@status", SupportStatusNames.Of(status));
        }
        if (query.Label is { } label)
        {
            // The labels column is a JSON array of strings, and a label holds no quote: its quoted form marks it alone.
            where.Add(@"labels LIKE @label ESCAPE '\'");
            command.With("@label", $"%\"{EscapeLike(label)}\"%");
        }
        if (query.Text is { } text)
        {
            where.Add(@"(LOWER(visitor_name) LIKE @text ESCAPE '\' OR LOWER(COALESCE(topic, '')) LIKE @text ESCAPE '\')");
            command.With("@text", $"%{EscapeLike(text.ToLowerInvariant())}%");
        }
        if (query.From is { } from)
        {
            where.Add("created_at_ms >= @from");
            command.With("@from", from.ToUnixTimeMilliseconds());
        }
        if (query.To is { } to)
        {
            where.Add("created_at_ms < @to");
            command.With("@to", to.ToUnixTimeMilliseconds());
        }
        if (query.Before is { } before)
        {
            var (createdMs, conversationId) = ParseCursor(before);
            where.Add("(created_at_ms < @beforeMs OR (created_at_ms = @beforeMs AND conversation_id < @beforeId))");
            command.With("@beforeMs", createdMs).With("@beforeId", conversationId);
        }
        command.CommandText = $"SELECT {Columns} FROM support_conversations WHERE {string.Join(" AND ", where)} " +
                              "ORDER BY created_at_ms DESC, conversation_id DESC LIMIT @limit";
        var records = await ReadAsync(command, cancellationToken);
        if (records.Count <= query.Limit) return new SupportRecordPage(records, Next: null);
        var last = records[query.Limit - 1].Conversation;
        return new SupportRecordPage(records.Take(query.Limit).ToArray(), CursorOf(last));
    }

    public async Task<IReadOnlyList<SupportRecord>> ListOfVisitorAsync(string siteId, string visitorId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
                $"SELECT {Columns} FROM support_conversations WHERE site_id = @site AND visitor_id = @visitor ORDER BY created_at_ms DESC LIMIT @max")
            .With("@site", siteId).With("@visitor", visitorId).With("@max", max);
        return await ReadAsync(command, cancellationToken);
    }

    public Task<bool> RateAsync(string siteId, string conversationId, SupportRating rating, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, cancelled) =>
        {
            await using var update = connection.CreateCommand(
                    "UPDATE support_conversations SET rating = @score, rating_comment = @comment, rated_at_ms = @at " +
                    "WHERE site_id = @site AND conversation_id = @id AND status = 'resolved' AND rating IS NULL", transaction)
                .With("@score", rating.Score).With("@comment", rating.Comment).With("@at", rating.At.ToUnixTimeMilliseconds())
                .With("@site", siteId).With("@id", conversationId);
            return await update.ExecuteNonQueryAsync(cancelled) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<SupportOutcome>> ReadOutcomesAsync(string siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Someone else's first message at or after the visitor's first: an agent's (notes and the assistant are other kinds).
        await using var command = connection.CreateCommand(
                $"SELECT c.agent_id, c.created_at_ms, c.resolved_at_ms, c.rating, {FirstVisitorMessage}, " +
                "(SELECT MIN(r.sent_at_ms) FROM messages r WHERE r.room_id = c.room_id AND r.sender_id <> c.visitor_id AND r.kind = 'text' " +
                $"AND r.sent_at_ms >= {FirstVisitorMessage}) " +
                "FROM support_conversations c WHERE c.site_id = @site AND c.resolved_at_ms >= @from AND c.resolved_at_ms < @to")
            .With("@site", siteId).With("@from", from.ToUnixTimeMilliseconds()).With("@to", to.ToUnixTimeMilliseconds());
        var outcomes = new List<SupportOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? Time(int column) => reader.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(column));
            outcomes.Add(new SupportOutcome(
                AgentId: reader.IsDBNull(0) ? null : reader.GetString(0),
                CreatedAt: Time(1)!.Value,
                ResolvedAt: Time(2)!.Value,
                FirstVisitorMessageAt: Time(4),
                FirstResponseAt: Time(5),
                Rating: reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }
        return outcomes;
    }

    private static string CursorOf(SupportConversation last) =>
        string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.ToUnixTimeMilliseconds()}.{last.ConversationId}");

    private static (long CreatedMs, string ConversationId) ParseCursor(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var createdMs) && dot < cursor.Length - 1)
        {
            return (createdMs, cursor[(dot + 1)..]);
        }
        throw ChatException.Invalid("before must be the next of an earlier page of this listing.");
    }

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static async Task<IReadOnlyList<SupportRecord>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<SupportRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
            var conversation = new SupportConversation(
                ConversationId: reader.GetString(0),
                RoomId: reader.GetString(1),
                VisitorId: reader.GetString(2),
                VisitorName: reader.GetString(3),
                Status: SupportStatusNames.Parse(reader.GetString(4)),
                AgentId: Text(5),
                Topic: Text(6),
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                StatusSince: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                Page: Text(7),
                Position: null,
                Revision: reader.GetInt64(10),
                Labels: SupportRecordsJson.ReadLabels(reader.GetString(11)),
                VisitorEmail: Text(17),
                WantsTranscript: reader.GetInt32(18) != 0);
            var rating = reader.IsDBNull(14) ? null
                : new SupportRating(reader.GetInt32(14), Text(15), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)));
            records.Add(new SupportRecord(
                conversation, SupportRecordsJson.ReadHistory(reader.GetString(12)), SupportRecordsJson.ReadPages(reader.GetString(13)), rating));
        }
        return records;
    }
}
