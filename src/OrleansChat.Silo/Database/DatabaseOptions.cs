using OrleansChat.Storage.Postgres;

namespace OrleansChat.Silo.Database;

/// <summary>How a silo and its migrate step treat the database schema and roles: <c>Chat:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Chat:Database";

    /// <summary>
    /// Whether a silo migrates the schema as it starts. On by default, so that a bare <c>dotnet run</c> needs no
    /// step of its own; off where a migrate step runs first (docker-compose, the AppHost's cluster mode), because
    /// the silos' own roles may not change the schema.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    public TimeSpan MigrationLockTimeout { get; set; } = MigrationTimeouts.Default.Lock;

    public TimeSpan MigrationStatementTimeout { get; set; } = MigrationTimeouts.Default.Statement;

    /// <summary>PostgreSQL write transactions a silo has in flight at once, each committing many writes together.</summary>
    public int WriteLanes { get; set; } = PostgresDatabase.DefaultWriteLanes;

    /// <summary>The password the migrate step gives <c>chat_silo</c> (PostgreSQL), if any.</summary>
    public string? SiloPassword { get; set; }

    /// <summary>The password the migrate step gives <c>chat_web</c> (PostgreSQL), if any.</summary>
    public string? WebPassword { get; set; }
}
