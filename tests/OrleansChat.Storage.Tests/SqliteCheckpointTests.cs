using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// The embedded database's write-ahead log is copied into the database file by a checkpointer of its own, not by the
/// commit that happens to pass SQLite's threshold: the writer's queue never waits behind a checkpoint.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class SqliteCheckpointTests(StorageEngines engines)
{
    [Fact]
    public async Task Messages_reach_the_database_file_without_the_writer_checkpointing_them()
    {
        var path = engines.NewSqlitePath();
        var database = engines.OpenSqlite(path);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var fileBefore = new FileInfo(path).Length;

        // Far fewer pages than the writer's own threshold: only the checkpointer copies them into the file.
        var log = new SqlMessageLog(database);
        for (var batch = 0; batch < 20; batch++)
        {
            await log.AppendAsync("room", batch * 50, [.. Enumerable.Range(0, 50).Select(i => Draft($"c-{batch}-{i}"))]);
        }

        // 1,000 rows of 400 characters: the file grows by more than their text once they are copied in.
        await WaitUntilAsync(() => new FileInfo(path).Length > fileBefore + 400 * 1024);
        Assert.Equal(1_000, (await log.ReadRangeAsync("room", 1, 2_000)).Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(100);
        }
    }

    private static MessageDraft Draft(string clientMessageId) =>
        new(Guid.NewGuid().ToString("N"), clientMessageId, "alice", "Alice", MessageKind.Text, new string('x', 400),
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
}
