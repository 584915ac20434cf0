using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// A deployment from before the roles: its silos migrated at start (to 0002) as the role <c>chat_app</c> that an
/// earlier compose file's init script made, which owns the schema and the tables. The migrate step of this version
/// hands everything to <c>chat_owner</c>, and the silos carry on as <c>chat_silo</c> with the data as it was.
/// </summary>
[Collection(DatabaseClusters.Name)]
public sealed class RolesUpgradeTests
{
    private const string LegacyRole = "chat_app";

    [Fact]
    public async Task The_migrate_step_hands_a_legacy_roles_tables_to_the_owner_and_the_silos_read_them_as_chat_silo()
    {
        await using var cluster = await ClusterHarness.StartEmptyPostgresAsync();
        await using (var admin = await DatabaseQueries.OpenAsync(cluster.AdminConnectionString))
        {
            await admin.ExecuteAsync($"CREATE ROLE {LegacyRole} LOGIN; ALTER SCHEMA public OWNER TO {LegacyRole}; SET ROLE {LegacyRole}");
            // What that release's silos ran: its migrations, each recorded.
            await admin.ExecuteAsync("CREATE TABLE schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
            foreach (var version in new[] { "0001_chat", "0002_orleans" })
            {
                await admin.ExecuteAsync(await File.ReadAllTextAsync(RepositoryFiles.PathOf($"src/OrleansChat.Storage/Migrations/Postgres/{version}.sql")));
                await admin.ExecuteAsync($"INSERT INTO schema_migrations VALUES ('{version}', 0)");
            }
            await admin.ExecuteAsync("INSERT INTO messages VALUES ('room', 1, 'm1', 'c1', 'alice', 'Alice', 'text', 'from before the roles', 0)");
        }

        await cluster.MigrateAsync();

        await using var check = await DatabaseQueries.OpenAsync(cluster.AdminConnectionString);
        Assert.Equal([DatabaseRoles.Owner], await check.QueryAsync("SELECT DISTINCT tableowner::text FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Equal([DatabaseRoles.Owner], await check.QueryAsync("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public'"));
        Assert.Equal(MigrationFiles.Postgres, await check.QueryAsync("SELECT version FROM schema_migrations ORDER BY version"));
        await using var silo = await DatabaseQueries.OpenAsync(cluster.SiloConnectionString);
        Assert.Equal(["from before the roles"], await silo.QueryAsync("SELECT text FROM messages"));
        await cluster.Silo("silo").StartAsync();
    }
}
