using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sqlite;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// The embedded database's single writer: writes queued together share one transaction on one thread of the
/// writer's own, a failing write is undone alone, and a write completes only once it is on disk.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class SqliteWriterTests(StorageEngines engines)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public async Task Writes_of_many_rooms_queued_together_share_one_transaction_on_the_writers_own_thread()
    {
        var database = await MigratedAsync();
        using var gate = new ManualResetEventSlim();
        using var writing = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { writing.Set(); gate.Wait(); return Task.FromResult(0); });
        // The writer has taken its batch (the blocker alone) before the rooms' writes are queued: they wait together.
        writing.Wait(TimeSpan.FromSeconds(30));
        var seen = new List<(DbTransaction Transaction, int Thread)>();
        var writes = Enumerable.Range(0, 100).Select(room => database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            lock (seen) seen.Add((transaction, Environment.CurrentManagedThreadId));
            await InsertAsync(connection, transaction, $"room-{room}", seq: 1, cancellationToken);
            return room;
        })).ToArray();

        gate.Set();
        await blocker;
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(writes));
        Assert.Single(seen.Select(s => s.Transaction).Distinct());
        Assert.Single(seen.Select(s => s.Thread).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, seen[0].Thread);
        var log = new SqlMessageLog(database);
        foreach (var room in new[] { 0, 42, 99 }) Assert.Equal(1, await log.GetLastSeqAsync($"room-{room}"));
    }

    [Fact]
    public async Task A_failing_write_is_undone_alone_and_the_rest_of_its_batch_commits()
    {
        var database = await MigratedAsync();
        using var gate = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { gate.Wait(); return Task.FromResult(0); });
        var before = database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "a", 1, cancellationToken));
        var failing = database.WriteAsync<int>(async (connection, transaction, cancellationToken) =>
        {
            await InsertAsync(connection, transaction, "b", 1, cancellationToken);
            throw new InvalidOperationException("changed its mind");
        });
        var conflicting = database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "a", 1, cancellationToken));
        var after = database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "c", 1, cancellationToken));

        gate.Set();
        await blocker;
        await before;
        await after;
        Assert.Equal("changed its mind", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Assert.ThrowsAnyAsync<DbException>(() => conflicting);
        var log = new SqlMessageLog(database);
        Assert.Equal((1L, 0L, 1L), (await log.GetLastSeqAsync("a"), await log.GetLastSeqAsync("b"), await log.GetLastSeqAsync("c")));
    }

    [Fact]
    public async Task Every_acknowledged_append_is_on_disk_and_closing_finishes_what_was_queued()
    {
        var path = engines.NewSqlitePath();
        var database = engines.OpenSqlite(path);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var log = new SqlMessageLog(database);
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, 20).Select(room => log.AppendAsync($"room-{room}", 0, [Draft($"c-{room}")])));
        var queued = Enumerable.Range(20, 30).Select(room => log.AppendAsync($"room-{room}", 0, [Draft($"c-{room}")])).ToArray();

        await database.DisposeAsync();
        Assert.All(await Task.WhenAll(queued), outcomes => Assert.Equal(1, outcomes[0].Message.Seq));
        var reopened = new SqlMessageLog(engines.OpenSqlite(path));
        for (var room = 0; room < 50; room++)
        {
            Assert.Equal($"c-{room}", Assert.Single(await reopened.ReadRangeAsync($"room-{room}", 1, 1)).ClientMessageId);
        }
        Assert.Equal(20, acknowledged.Length);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync("late", 0, [Draft("late")]));
    }

    [Fact]
    public async Task A_write_cancelled_before_its_turn_is_not_written()
    {
        var database = await MigratedAsync();
        using var gate = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { gate.Wait(); return Task.FromResult(0); });
        using var cancel = new CancellationTokenSource();
        var cancelled = database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "x", 1, cancellationToken), cancel.Token);

        await cancel.CancelAsync();
        gate.Set();
        await blocker;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, await new SqlMessageLog(database).GetLastSeqAsync("x"));
    }

    private async Task<SqliteDatabase> MigratedAsync() => (SqliteDatabase)await engines.CreateMigratedAsync(StorageEngines.Sqlite);

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, string roomId, long seq, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO messages (room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms) "
            + $"VALUES ('{roomId}', {seq}, '{Guid.NewGuid():N}', '{Guid.NewGuid():N}', 'alice', 'Alice', 'text', 'hello', 0)";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static MessageDraft Draft(string clientMessageId) =>
        new(Guid.NewGuid().ToString("N"), clientMessageId, "alice", "Alice", MessageKind.Text, "hello", SentAt);
}
