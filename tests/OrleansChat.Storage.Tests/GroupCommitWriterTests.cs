using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// Every engine's writes are committed together: writes queued together share one transaction, a failing write is
/// undone alone, a write completes only once it is durable, and closing the database finishes what was queued. SQLite
/// has one writer on a thread of its own; PostgreSQL a few lanes, here one so that what queues together is one batch.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class GroupCommitWriterTests(StorageEngines engines)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Writes_of_many_rooms_queued_together_share_one_transaction(string engine)
    {
        var database = await OneLaneAsync(engine);
        using var gate = new ManualResetEventSlim();
        using var writing = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { writing.Set(); gate.Wait(); return Task.FromResult(0); });
        // The lane has taken its batch (the blocker alone) before the rooms' writes are queued: they wait together.
        writing.Wait(TimeSpan.FromSeconds(30));
        var seen = new List<(object Transaction, int Thread)>();
        var writes = Enumerable.Range(0, 60).Select(room => database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            var thread = Environment.CurrentManagedThreadId;
            var id = await TransactionOfAsync(connection, transaction, cancellationToken);
            lock (seen) seen.Add((id, thread));
            await InsertAsync(connection, transaction, $"room-{room}", seq: 1, cancellationToken);
            return room;
        })).ToArray();

        gate.Set();
        await blocker;
        Assert.Equal(Enumerable.Range(0, 60), await Task.WhenAll(writes));
        Assert.Single(seen.Select(s => s.Transaction).Distinct());
        if (engine == StorageEngines.Sqlite)
        {
            // SQLite's "async" I/O blocks: its writer works on a thread of its own, never on the caller's.
            Assert.Single(seen.Select(s => s.Thread).Distinct());
            Assert.NotEqual(Environment.CurrentManagedThreadId, seen[0].Thread);
        }
        var log = new SqlMessageLog(database);
        foreach (var room in new[] { 0, 42, 59 }) Assert.Equal(1, await log.GetLastSeqAsync($"room-{room}"));
    }

    [Fact]
    public async Task A_PostgreSQL_batch_stays_within_the_subtransactions_the_server_caches()
    {
        var database = await OneLaneAsync(StorageEngines.Postgres);
        using var gate = new ManualResetEventSlim();
        using var writing = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { writing.Set(); gate.Wait(); return Task.FromResult(0); });
        writing.Wait(TimeSpan.FromSeconds(30));
        var transactions = new List<object>();
        var writes = Enumerable.Range(0, 100).Select(room => database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            var id = await TransactionOfAsync(connection, transaction, cancellationToken);
            lock (transactions) transactions.Add(id);
            return await InsertAsync(connection, transaction, $"room-{room}", seq: 1, cancellationToken);
        })).ToArray();

        gate.Set();
        await Task.WhenAll(writes);
        Assert.Equal([64, 36], transactions.CountBy(t => t).Select(group => group.Value));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_failing_write_is_undone_alone_and_the_rest_of_its_batch_commits(string engine)
    {
        var database = await OneLaneAsync(engine);
        using var gate = new ManualResetEventSlim();
        using var writing = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { writing.Set(); gate.Wait(); return Task.FromResult(0); });
        writing.Wait(TimeSpan.FromSeconds(30));
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

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_write_that_fails_alone_leaves_the_lane_writing(string engine)
    {
        var database = await OneLaneAsync(engine);
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<int>(async (connection, transaction, cancellationToken) =>
        {
            await InsertAsync(connection, transaction, "undone", 1, cancellationToken);
            throw new InvalidOperationException("changed its mind");
        }));

        await database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "next", 1, cancellationToken));
        var log = new SqlMessageLog(database);
        Assert.Equal((0L, 1L), (await log.GetLastSeqAsync("undone"), await log.GetLastSeqAsync("next")));
    }

    [Fact]
    public async Task A_PostgreSQL_lane_whose_connection_dies_fails_its_batch_and_writes_the_next_on_a_new_connection()
    {
        var database = await OneLaneAsync(StorageEngines.Postgres);
        var lost = database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            await InsertAsync(connection, transaction, "lost", 1, cancellationToken);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            return await kill.ExecuteNonQueryAsync(cancellationToken);
        });
        await Assert.ThrowsAnyAsync<Exception>(() => lost);

        await database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "next", 1, cancellationToken));
        var log = new SqlMessageLog(database);
        Assert.Equal((0L, 1L), (await log.GetLastSeqAsync("lost"), await log.GetLastSeqAsync("next")));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Every_acknowledged_append_is_durable_and_closing_finishes_what_was_queued(string engine)
    {
        var (database, reopen) = await CreateReopenableAsync(engine);
        var log = new SqlMessageLog(database);
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, 20).Select(room => log.AppendAsync($"room-{room}", 0, [Draft($"c-{room}")])));
        var queued = Enumerable.Range(20, 30).Select(room => log.AppendAsync($"room-{room}", 0, [Draft($"c-{room}")])).ToArray();

        await ((IAsyncDisposable)database).DisposeAsync();
        Assert.All(await Task.WhenAll(queued), outcomes => Assert.Equal(1, outcomes[0].Message.Seq));
        var reopened = new SqlMessageLog(reopen());
        for (var room = 0; room < 50; room++)
        {
            Assert.Equal($"c-{room}", Assert.Single(await reopened.ReadRangeAsync($"room-{room}", 1, 1)).ClientMessageId);
        }
        Assert.Equal(20, acknowledged.Length);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.AppendAsync("late", 0, [Draft("late")]));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_write_cancelled_before_its_turn_is_not_written(string engine)
    {
        var database = await OneLaneAsync(engine);
        using var gate = new ManualResetEventSlim();
        using var writing = new ManualResetEventSlim();
        var blocker = database.WriteAsync((_, _, _) => { writing.Set(); gate.Wait(); return Task.FromResult(0); });
        writing.Wait(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();
        var cancelled = database.WriteAsync((connection, transaction, cancellationToken) => InsertAsync(connection, transaction, "x", 1, cancellationToken), cancel.Token);

        await cancel.CancelAsync();
        gate.Set();
        await blocker;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(0, await new SqlMessageLog(database).GetLastSeqAsync("x"));
    }

    /// <summary>A migrated database whose writes go through one lane (SQLite has no other kind).</summary>
    private async Task<IChatDatabase> OneLaneAsync(string engine)
    {
        var (database, _) = await CreateReopenableAsync(engine);
        return database;
    }

    /// <summary>A migrated database with one write lane, and how to open the same database again once it is closed.</summary>
    private async Task<(IChatDatabase Database, Func<IChatDatabase> Reopen)> CreateReopenableAsync(string engine)
    {
        if (engine == StorageEngines.Sqlite)
        {
            var path = engines.NewSqlitePath();
            var sqlite = engines.OpenSqlite(path);
            await new SchemaMigrator(sqlite, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            return (sqlite, () => engines.OpenSqlite(path));
        }
        var connectionString = await engines.PostgresServer.CreateDatabaseAsync();
        var postgres = engines.OpenPostgres(connectionString, writeLanes: 1);
        await new SchemaMigrator(postgres, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return (postgres, () => engines.OpenPostgres(connectionString, writeLanes: 1));
    }

    /// <summary>
    /// Which transaction a write runs in: PostgreSQL's own id (Npgsql reuses its transaction objects), or SQLite's
    /// transaction object, new for every transaction.
    /// </summary>
    private static async Task<object> TransactionOfAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connection is not NpgsqlConnection) return transaction;
        await using var current = new NpgsqlCommand("SELECT txid_current()", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        return (await current.ExecuteScalarAsync(cancellationToken))!;
    }

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
