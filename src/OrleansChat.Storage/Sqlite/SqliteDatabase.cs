using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Sqlite;

/// <summary>
/// The embedded mode's database: one SQLite file in write-ahead-log mode. Reads use pooled connections side by side;
/// every write goes through the one writer (<see cref="GroupCommitWriter"/>, one lane on a thread of its own), fsynced
/// at each commit so that an acknowledged message survives a crash.
/// </summary>
public sealed class SqliteDatabase : IChatDatabase, IAsyncDisposable
{
    public const string FileName = "orleanschat.db";

    private readonly string _connectionString;
    private readonly GroupCommitWriter _writer;
    private readonly SqliteCheckpointer _checkpointer;
    private int _walEnsured;

    public SqliteDatabase(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writer = new GroupCommitWriter(OpenWriterConnectionAsync, GroupCommitOptions.Sqlite);
        _checkpointer = new SqliteCheckpointer(() => (SqliteConnection)OpenAsync().AsTask().GetAwaiter().GetResult());
    }

    public string Engine => "Sqlite";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // The journal mode belongs to the file and lasts: set by the first open that succeeds (a few concurrent
        // first opens may each set it; that is harmless).
        if (Volatile.Read(ref _walEnsured) == 0)
        {
            await using var wal = connection.CreateCommand("PRAGMA journal_mode = WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
            Volatile.Write(ref _walEnsured, 1);
        }
        return connection;
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(work, cancellationToken);

    // SQLite's transactions are IMMEDIATE by default: the write lock is the schema lock.
    public async ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _checkpointer.Dispose();
    }

    /// <summary>
    /// The writer's own connection, for its life: a commit is on disk when it returns, and the checkpoints are the
    /// checkpointer's.
    /// </summary>
    private async ValueTask<DbConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var settings = connection.CreateCommand(
            $"PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterCheckpointPages};");
        await settings.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
