using System.Data.Common;
using Npgsql;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>
/// The cluster mode's database. Every silo shares it; migrations serialize on a transaction-scoped advisory
/// lock, so silos or migrate steps starting together migrate once, one after the other. A silo's writes are
/// committed together by a few lanes (<see cref="GroupCommitWriter"/>), each on one of the pool's connections.
/// </summary>
/// <param name="writeLanes">The write transactions in flight at once (<c>Chat:Database:WriteLanes</c>).</param>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource, MigrationTimeouts? migrationTimeouts = null, int writeLanes = PostgresDatabase.DefaultWriteLanes)
    : IChatDatabase, IAsyncDisposable
{
    /// <summary>
    /// Two, so that one lane's round trips overlap the other's commit. Measured on 2 cores across 100 rooms
    /// (docs/benchmarks.md, problem 8): 16 appends in flight, one transaction each, stored 2,450 messages a second;
    /// one lane 4,668, two 5,834, four 4,383, eight 5,749.
    /// </summary>
    public const int DefaultWriteLanes = 2;


    /// <summary>The role that owns the schema once migration 0004 has made it (<c>Migrations/Postgres/0004_roles.sql</c>).</summary>
    public const string OwnerRole = "chat_owner";

    /// <summary>Any constant works; it only has to be the same in every silo.</summary>
    private const long SchemaLockKey = 0x4F72_6C43_6861_74; // "OrlChat"

    public string Engine => "Postgres";

    public NpgsqlDataSource DataSource => dataSource;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    private readonly GroupCommitWriter _writer = new(
        async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken), GroupCommitOptions.Postgres(writeLanes));

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(work, cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public async ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var timeouts = migrationTimeouts ?? MigrationTimeouts.Default;
        var transaction = await BeginSchemaLockedAsync((NpgsqlConnection)connection, cancellationToken);
        await using (var bounds = connection.CreateCommand(
            "SELECT set_config('lock_timeout', @lock, true), set_config('statement_timeout', @statement, true)", transaction)
            .With("@lock", Milliseconds(timeouts.Lock)).With("@statement", Milliseconds(timeouts.Statement)))
        {
            await bounds.ExecuteNonQueryAsync(cancellationToken);
        }
        // Tables are the owner's once it owns the schema, whoever runs the migrations: so the owner's default
        // privileges grant them to the silos.
        await using (var owner = connection.CreateCommand(
            "SELECT set_config('role', r.rolname, true) FROM pg_roles r JOIN pg_namespace n ON n.nspowner = r.oid " +
            "WHERE n.nspname = 'public' AND r.rolname = @owner AND pg_has_role(r.oid, 'MEMBER')",
            transaction).With("@owner", OwnerRole))
        {
            await owner.ExecuteNonQueryAsync(cancellationToken);
        }
        return transaction;
    }

    /// <summary>
    /// A transaction that holds the schema lock, which migrations and the migrate step's other changes (roles'
    /// passwords) take. The wait for another migrator is not bounded: a second migrate step waits for the first to
    /// finish, then finds nothing left to do.
    /// </summary>
    public static async ValueTask<NpgsqlTransaction> BeginSchemaLockedAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction).With("@key", SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private static string Milliseconds(TimeSpan timeout) => ((long)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
