using Npgsql;
using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

public sealed class ClusterFormationTests
{
    [Fact]
    public async Task Three_silos_starting_at_once_after_the_migrate_step_form_one_cluster()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        var silos = new[] { cluster.Silo("silo1"), cluster.Silo("silo2"), cluster.Silo("silo3") };

        await Task.WhenAll(silos.Select(silo => silo.StartAsync()));

        await using var connection = new NpgsqlConnection(cluster.SiloConnectionString);
        await connection.OpenAsync();
        var migrations = await connection.QueryAsync("SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal(MigrationFiles.Postgres, migrations);
        // Joining takes a few membership rounds after the silos answer their health checks.
        var active = await EventuallyAsync(async () => await connection.QueryAsync(
            $"SELECT address || ':' || port FROM orleansmembershiptable WHERE deploymentid = '{cluster.ClusterId}' AND status = 3"),
            rows => rows.Count == 3, TimeSpan.FromSeconds(60));
        Assert.Equal(3, active.Count);
        Assert.Equal(3, active.Distinct().Count());
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(new Uri(silos[0].BaseAddress, "/dashboard"))).IsSuccessStatusCode, "The Orleans dashboard answers on a silo.");
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            value = await read();
        }
        return value;
    }
}
