using Npgsql;
using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// <c>OrleansChat.Silo migrate</c>, the step docker-compose and the AppHost run before the silos: safe to run again,
/// and side by side (two deployments' steps, or a retry while the first still runs).
/// </summary>
[Collection(DatabaseClusters.Name)]
public sealed class MigrateStepTests
{
    [Fact]
    public async Task Migrate_steps_run_side_by_side_and_again_apply_each_migration_once_and_the_silos_log_in_after()
    {
        await using var cluster = await ClusterHarness.StartEmptyPostgresAsync();

        await Task.WhenAll(Enumerable.Range(1, 3).Select(i => cluster.MigrateAsync($"migrate{i}")));
        await cluster.MigrateAsync("migrate-again");

        await using var admin = new NpgsqlConnection(cluster.AdminConnectionString);
        await admin.OpenAsync();
        Assert.Equal(MigrationFiles.Postgres, await admin.QueryAsync("SELECT version FROM schema_migrations ORDER BY version"));
        Assert.Equal(["2"], await admin.QueryAsync("SELECT count(*)::text FROM pg_roles WHERE rolname IN ('chat_silo', 'chat_web') AND rolcanlogin"));
        await cluster.Silo("silo").StartAsync();
    }

    [Fact]
    public async Task A_silo_of_a_release_whose_migrations_the_database_lacks_stops_at_start_and_says_to_run_the_migrate_step()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        var newest = MigrationFiles.Postgres[^1];
        await using (var admin = await DatabaseQueries.OpenAsync(cluster.AdminConnectionString))
        {
            // As if this release's newest migration had not run: a new version's silos started before its migrate step.
            await admin.ExecuteAsync($"DELETE FROM schema_migrations WHERE version = '{newest}'");
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Silo("silo").StartAsync());

        Assert.Contains($"lacks the migrations {newest} of this release: run `OrleansChat.Silo migrate`", refused.Message);
    }
}
