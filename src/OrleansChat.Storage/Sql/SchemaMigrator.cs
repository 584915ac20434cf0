using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Applies the embedded SQL migrations of the database's engine in order, each once, under the engine's schema
/// lock so that silos starting together migrate once. Idempotent: a migrated database is left as it is.
/// </summary>
public sealed class SchemaMigrator(IChatDatabase database, ILogger<SchemaMigrator> logger)
{
    private const string CreateHistory =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)";

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken);
        await using (var create = connection.CreateCommand(CreateHistory, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await AppliedAsync(connection, transaction, cancellationToken);
        foreach (var (version, sql) in Migrations(database.Engine).Where(m => !applied.Contains(m.Version)))
        {
            logger.LogInformation("Applying {Engine} migration {Version}", database.Engine, version);
            await using var apply = connection.CreateCommand(sql, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await using var record = connection.CreateCommand(
                "INSERT INTO schema_migrations (version, applied_at_ms) VALUES (@version, @at)", transaction)
                .With("@version", version)
                .With("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The versions of this release's migrations that the database has not applied (versions of a newer release that
    /// it has are no concern of this one). Reads <c>schema_migrations</c>, which must exist.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var applied = await AppliedAsync(connection, transaction: null, cancellationToken);
        return [.. Migrations(database.Engine).Select(m => m.Version).Where(version => !applied.Contains(version))];
    }

    private static async Task<HashSet<string>> AppliedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var select = connection.CreateCommand("SELECT version FROM schema_migrations", transaction);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        return applied;
    }

    /// <summary>The engine's migrations, ordered by file name (<c>0001_name.sql</c>, ...).</summary>
    public static IReadOnlyList<(string Version, string Sql)> Migrations(string engine)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{engine}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[prefix.Length..^".sql".Length], Read(assembly, name)))
            .ToArray();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
