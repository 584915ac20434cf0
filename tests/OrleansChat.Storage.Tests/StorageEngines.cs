using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sqlite;
using OrleansChat.Testing;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// Fresh databases of every supported engine: a SQLite file in a temporary directory, or a new database on a
/// throwaway PostgreSQL server started once for the test run.
/// </summary>
public sealed class StorageEngines : IAsyncLifetime
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static TheoryData<string> All => [Sqlite, Postgres];

    private readonly string _directory = Directory.CreateTempSubdirectory("orleanschat-storage-").FullName;
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly List<PostgresDatabase> _postgresDatabases = [];
    private readonly List<SqliteDatabase> _sqliteDatabases = [];
    private PostgresServer? _postgres;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    /// <summary>The throwaway PostgreSQL server, for tests that run its tools (pg_dump, pg_restore, psql).</summary>
    public PostgresServer PostgresServer => _postgres!;

    /// <summary>A PostgreSQL database on the throwaway server; disposed with the fixture.</summary>
    public PostgresDatabase OpenPostgres(string connectionString, int writeLanes = PostgresDatabase.DefaultWriteLanes)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        _dataSources.Add(dataSource);
        var database = new PostgresDatabase(dataSource, writeLanes: writeLanes);
        _postgresDatabases.Add(database);
        return database;
    }

    /// <summary>An empty database of the engine, not migrated.</summary>
    public async Task<IChatDatabase> CreateEmptyAsync(string engine)
    {
        if (engine == Sqlite) return OpenSqlite(NewSqlitePath());
        return OpenPostgres(await _postgres!.CreateDatabaseAsync());
    }

    /// <summary>A SQLite database on <paramref name="path"/>, closed with the fixture unless the test closes it first.</summary>
    public SqliteDatabase OpenSqlite(string path)
    {
        var database = new SqliteDatabase(path);
        _sqliteDatabases.Add(database);
        return database;
    }

    public string NewSqlitePath() => Path.Combine(_directory, $"{Guid.NewGuid():N}.db");

    public async Task<IChatDatabase> CreateMigratedAsync(string engine)
    {
        var database = await CreateEmptyAsync(engine);
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _postgresDatabases) await database.DisposeAsync();
        foreach (var dataSource in _dataSources) await dataSource.DisposeAsync();
        foreach (var database in _sqliteDatabases) await database.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class StorageEnginesCollection : ICollectionFixture<StorageEngines>
{
    public const string Name = "storage engines";
}
