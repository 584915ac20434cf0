using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Storage.Sql;
using OrleansChat.Testing;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// A database as docs/operations.md backs it up and restores it: <see cref="Open"/> is what a silo starting now
/// gets, <see cref="BackUpAsync"/> takes a backup while it is in use (as another process), <see cref="RestoreAsync"/>
/// closes what was opened (the silos stop), puts the backup in its place and deletes the epoch (the procedure's last
/// step), ready for the next <see cref="Open"/>.
/// </summary>
public abstract class BackedUpDatabase
{
    public static async Task<BackedUpDatabase> CreateAsync(StorageEngines engines, string engine)
    {
        BackedUpDatabase database = engine == StorageEngines.Sqlite
            ? new SqliteFile(engines, engines.NewSqlitePath())
            : new PostgresDump(engines, engines.PostgresServer, $"chat_{Guid.NewGuid():N}");
        await database.CreateAsync();
        var first = database.Open();
        await new SchemaMigrator(first, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await database.CloseAsync();
        return database;
    }

    /// <summary>The database as a process that starts now opens it.</summary>
    public abstract IChatDatabase Open();

    public abstract Task BackUpAsync();

    public async Task RestoreAsync()
    {
        await CloseAsync();
        await PutBackupInPlaceAndForgetEpochAsync();
    }

    protected abstract Task CreateAsync();

    protected abstract Task CloseAsync();

    protected abstract Task PutBackupInPlaceAndForgetEpochAsync();

    /// <summary>The embedded file, backed up and restored by <see cref="SqliteBackups"/>.</summary>
    private sealed class SqliteFile(StorageEngines engines, string path) : BackedUpDatabase
    {
        private readonly string _backup = path + ".backup";
        private Sqlite.SqliteDatabase? _open;

        public override IChatDatabase Open() => _open = engines.OpenSqlite(path);

        public override Task BackUpAsync() => SqliteBackups.BackUpAsync(path, _backup);

        protected override async Task CloseAsync()
        {
            if (_open is not null) await _open.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }

        protected override Task PutBackupInPlaceAndForgetEpochAsync()
        {
            SqliteBackups.Restore(_backup, path);
            File.Delete(_backup);
            return Task.CompletedTask;
        }

        protected override Task CreateAsync() => Task.CompletedTask;
    }

    /// <summary>
    /// PostgreSQL: <c>pg_dump</c> in the custom format without the epoch's row, restored with <c>pg_restore --clean</c>,
    /// then the epoch and the silos' membership rows deleted, as the docs' commands do through docker compose.
    /// </summary>
    private sealed class PostgresDump(StorageEngines engines, PostgresServer server, string name) : BackedUpDatabase
    {
        private readonly string _dump = Path.Combine(Path.GetTempPath(), $"{name}.dump");
        private string _connectionString = "";
        private NpgsqlDataSource? _open;

        // libpq's URI form, which pg_dump, pg_restore and psql take as --dbname.
        private string Uri => $"postgresql://postgres@127.0.0.1:{server.Port}/{name}";

        public override IChatDatabase Open()
        {
            var database = engines.OpenPostgres(_connectionString);
            _open = database.DataSource;
            return database;
        }

        public override Task BackUpAsync() =>
            Tool("pg_dump", "--format=custom", "--exclude-table-data=chat_epoch", $"--file={_dump}", $"--dbname={Uri}");

        protected override async Task CloseAsync()
        {
            if (_open is not null) await _open.DisposeAsync();
        }

        // The silos are stopped: no connection holds a lock that dropping the tables would wait for.
        protected override async Task PutBackupInPlaceAndForgetEpochAsync()
        {
            await Tool("pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error", $"--dbname={Uri}", _dump);
            await Tool("psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", $"--dbname={Uri}", "-c", "DELETE FROM chat_epoch; DELETE FROM orleansmembershiptable;");
            File.Delete(_dump);
        }

        protected override async Task CreateAsync() => _connectionString = await server.CreateDatabaseAsync(name);

        private Task Tool(string tool, params string[] arguments) =>
            ExternalProcess.RunAsync(Path.Combine(server.BinDirectory, tool), arguments, timeout: TimeSpan.FromMinutes(2));
    }
}
