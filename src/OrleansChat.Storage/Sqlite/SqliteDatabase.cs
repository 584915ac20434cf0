using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Sqlite;

/// <summary>
/// The embedded mode's database: one SQLite file in write-ahead-log mode, fsynced at every commit so that an
/// acknowledged message survives a crash. One writer at a time; others wait up to the busy timeout.
/// </summary>
public sealed class SqliteDatabase(string path) : IChatDatabase
{
    public const string FileName = "orleanschat.db";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Engine => "Sqlite";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    // SQLite's transactions are IMMEDIATE by default: the write lock is the schema lock.
    public async ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
