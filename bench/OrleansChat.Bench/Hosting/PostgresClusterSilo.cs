using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// Cluster mode on a throwaway PostgreSQL: one silo process (messages in the <c>messages</c> table, grain state
/// and membership in Orleans' tables), and an Orleans client in this process calling its grains directly.
/// </summary>
public sealed class PostgresClusterSilo : IAsyncDisposable
{
    /// <summary>ChatHosting.ServiceId: the silo's service id (the bench does not take in the service defaults for one constant).</summary>
    private const string ServiceId = "orleanschat";

    private readonly PostgresServer _postgres;
    private readonly BuiltProcess _silo;
    private readonly IHost _client;

    private PostgresClusterSilo(PostgresServer postgres, string connectionString, BuiltProcess silo, IHost client)
    {
        _postgres = postgres;
        ConnectionString = connectionString;
        _silo = silo;
        _client = client;
    }

    public string ConnectionString { get; }

    public IGrainFactory Grains => _client.Services.GetRequiredService<IGrainFactory>();

    public static async Task<PostgresClusterSilo> StartAsync(string logDirectory)
    {
        var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        var gatewayPort = FreePort.Next();
        var silo = BuiltProjects.Start("cluster-silo", "OrleansChat.Silo", new Dictionary<string, string>
        {
            ["Chat:Storage"] = "Postgres",
            ["ConnectionStrings:chatdb"] = connectionString,
            ["Chat:ClusterId"] = clusterId,
            ["Chat:Silo:Port"] = FreePort.Next().ToString(),
            ["Chat:Silo:GatewayPort"] = gatewayPort.ToString(),
            ["Chat:Silo:AdvertisedHost"] = "127.0.0.1",
        }, logDirectory);
        await silo.StartAsync();

        // The silo's gateway is known, so the client needs no membership table to find it.
        var client = new HostBuilder()
            .UseOrleansClient(orleans => orleans
                .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
                .Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = clusterId;
                    cluster.ServiceId = ServiceId;
                }))
            .Build();
        await client.StartAsync();
        return new PostgresClusterSilo(postgres, connectionString, silo, client);
    }

    /// <summary>Rows in the message log: what was really stored.</summary>
    public async Task<long> StoredMessagesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM messages", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
