using System.Net;
using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

/// <summary>A silo without its database acknowledges nothing: its <c>/health</c> says so, for orchestrators and balancers.</summary>
[Collection(DatabaseClusters.Name)]
public sealed class DatabaseHealthTests
{
    [Fact]
    public async Task A_silo_answers_503_on_health_while_its_database_is_down_and_200_once_it_is_back()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        var silo = cluster.Silo("silo");
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        await cluster.Postgres.StopAsync();
        var down = await http.GetAsync("/health");
        await cluster.Postgres.StartAgainAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        // The first check after the restart may meet a connection that the outage broke; the next ones open anew.
        var status = down.StatusCode;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await http.GetAsync("/health")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(500);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
