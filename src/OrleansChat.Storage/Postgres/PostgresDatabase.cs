using System.Data.Common;
using Npgsql;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// The cluster mode's database. Every silo shares it; migrations serialize on a transaction-scoped advisory
/// lock, so silos starting together migrate once.
/// </summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : IChatDatabase
{
    /// <summary>Any constant works; it only has to be the same in every silo.</summary>
    private const long SchemaLockKey = 0x4F72_6C43_6861_74; // "OrlChat"

    public string Engine => "Postgres";

    public NpgsqlDataSource DataSource => dataSource;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction).With("@key", SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
