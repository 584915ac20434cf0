using System.Data.Common;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Contracts;

namespace OrleansChat.Bench.Scenarios.Search;

/// <summary>
/// Full-text search over one room's history of a million messages, per store (the embedded mode's SQLite file, and
/// PostgreSQL with fsync on), through the real path: <see cref="ISearchGrain.Search"/> on a silo, one search at a
/// time. The history is written straight into the database (the grains would take far longer to send it), then
/// searched for words of the same made-up language: in the room named, and in every room the reader may read.
/// </summary>
public static class SearchScenario
{
    private const string RoomId = "search-history";
    private static readonly ChatUser Reader = new("search-reader", "Reader", UserRole.Member);

    public static async Task<IReadOnlyList<SearchResult>> RunAsync(SearchSettings settings, string logDirectory, TextWriter log)
    {
        var results = new List<SearchResult>();
        Func<Task<DurableStoreSilo>>[] stores =
        [
            () => DurableStoreSilo.StartSqliteAsync(logDirectory),
            () => DurableStoreSilo.StartPostgresAsync(logDirectory, fsync: true),
        ];
        foreach (var start in stores)
        {
            await using var silo = await start();
            await silo.Grains.GetGrain<IRoomGrain>(RoomId).CreateGroup(Reader, new NewRoom("Search history", RoomVisibility.Private));
            var clock = Stopwatch.StartNew();
            await FillAsync(silo, settings.Messages);
            var fillTime = clock.Elapsed;
            log.WriteLine($"[search] {silo.Store}: {await silo.StoredMessagesAsync():N0} messages stored in {fillTime.TotalSeconds:F0} s");
            foreach (var roomId in new[] { RoomId, null })
            {
                var result = await MeasureAsync(silo, roomId, settings, log) with { FillTime = fillTime };
                results.Add(result);
                log.WriteLine($"[search] {silo.Store}, {result.Scope}: p50 {result.P50:F1} p99 {result.P99:F1} max {result.Max:F1} ms, " +
                              $"{result.FullPages} of {result.Queries} searches filled a page");
            }
        }
        return results;
    }

    private static async Task<SearchResult> MeasureAsync(DurableStoreSilo silo, string? roomId, SearchSettings settings, TextWriter log)
    {
        var search = silo.Grains.GetGrain<ISearchGrain>(0);
        // The same searches for both scopes and stores.
        var corpus = new SearchCorpus(seed: 15);
        var timed = new List<(double Ms, string Text, int Hits)>(settings.Queries);
        for (var i = 0; i < settings.WarmUpQueries + settings.Queries; i++)
        {
            var query = new SearchQuery(corpus.NextQuery(), roomId, null, settings.PageSize);
            var started = Stopwatch.GetTimestamp();
            var page = await search.Search(Reader, query);
            if (i < settings.WarmUpQueries) continue;
            timed.Add((Stopwatch.GetElapsedTime(started).TotalMilliseconds, query.Text, page.Hits.Count));
        }
        // The tail, by name: which searches were slow, and how much they found.
        foreach (var slow in timed.OrderByDescending(t => t.Ms).Take(5)) log.WriteLine($"[search]   slow: {slow.Ms:F1} ms \"{slow.Text}\" ({slow.Hits} hits)");
        var sorted = timed.Select(t => t.Ms).Order().ToArray();
        return new SearchResult(silo.Store, roomId is null ? "every room the reader may read" : "the room named", settings.Messages,
            settings.Queries, timed.Count(t => t.Hits == settings.PageSize), Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 99), sorted[^1], TimeSpan.Zero);
    }

    /// <summary>The room's history, a message a second, straight into the database as the log stores it.</summary>
    private static async Task FillAsync(DurableStoreSilo silo, int messages)
    {
        var corpus = new SearchCorpus(seed: 2026);
        var firstSentAt = DateTimeOffset.UtcNow.AddSeconds(-messages).ToUnixTimeMilliseconds();
        await using var connection = silo.Connect();
        await connection.OpenAsync();
        if (connection is NpgsqlConnection postgres)
        {
            await using (var import = await postgres.BeginBinaryImportAsync(
                             "COPY messages (room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms) FROM STDIN (FORMAT BINARY)"))
            {
                for (var seq = 1L; seq <= messages; seq++)
                {
                    var row = Row(corpus, seq, firstSentAt);
                    await import.StartRowAsync();
                    await import.WriteAsync((string)row[0], NpgsqlDbType.Text);
                    await import.WriteAsync((long)row[1], NpgsqlDbType.Bigint);
                    for (var i = 2; i < 8; i++) await import.WriteAsync((string)row[i], NpgsqlDbType.Text);
                    await import.WriteAsync((long)row[8], NpgsqlDbType.Bigint);
                }
                await import.CompleteAsync();
            }
            // As autovacuum would have done by the time a room has a million messages: statistics for the planner.
            await ExecuteAsync(connection, "VACUUM ANALYZE messages");
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync();
            // A million rows indexed one by one through the insert trigger take a minute; the index built once after
            // them, as the migration that added search does for the messages before it, takes less. The trigger is
            // put back as the schema has it, in the same transaction.
            var trigger = await ScalarAsync(connection, transaction, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'message_search_insert'");
            await ExecuteAsync(connection, "DROP TRIGGER message_search_insert", transaction);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO messages (room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms) " +
                                 "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)";
            var parameters = Enumerable.Range(0, 9).Select(i =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            for (var seq = 1L; seq <= messages; seq++)
            {
                var row = Row(corpus, seq, firstSentAt);
                for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i];
                await insert.ExecuteNonQueryAsync();
            }
            await ExecuteAsync(connection, $"INSERT INTO message_search_rows (room_id, seq) SELECT room_id, seq FROM messages WHERE room_id = '{RoomId}' ORDER BY seq", transaction);
            await ExecuteAsync(connection, "INSERT INTO message_search (message_search) VALUES ('rebuild')", transaction);
            await ExecuteAsync(connection, trigger, transaction);
            await transaction.CommitAsync();
        }
        await ExecuteAsync(connection, $"UPDATE rooms SET last_seq = {messages} WHERE room_id = '{RoomId}'");
    }

    private static object[] Row(SearchCorpus corpus, long seq, long firstSentAt)
    {
        var sender = $"sender-{seq % 20}";
        return [RoomId, seq, Guid.NewGuid().ToString("N"), $"bulk-{seq}", sender, sender, "text", corpus.NextMessage(), firstSentAt + seq * 1000];
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
