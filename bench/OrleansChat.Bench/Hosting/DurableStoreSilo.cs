using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// One silo process storing into one kind of database, and an Orleans client in this process calling its grains
/// directly: the embedded mode's SQLite file, or cluster mode's PostgreSQL (a throwaway server, with or without
/// fsync). <see cref="StoredMessagesAsync"/> counts what the database really holds; <see cref="Connect"/> reaches it
/// directly, for scenarios that fill it faster than the grains would.
/// </summary>
public sealed class DurableStoreSilo : IAsyncDisposable
{
    /// <summary>ChatHosting.ServiceId: the silo's service id (the bench does not take in the service defaults for one constant).</summary>
    private const string ServiceId = "orleanschat";

    private readonly BuiltProcess _silo;
    private readonly IHost _client;
    private readonly Func<DbConnection> _connect;
    private readonly Func<ValueTask> _cleanUp;

    private DurableStoreSilo(string store, BuiltProcess silo, IHost client, Func<DbConnection> connect, Func<ValueTask> cleanUp)
    {
        Store = store;
        _silo = silo;
        _client = client;
        _connect = connect;
        _cleanUp = cleanUp;
    }

    /// <summary>What stores the messages, as the report names it.</summary>
    public string Store { get; }

    public IGrainFactory Grains => _client.Services.GetRequiredService<IGrainFactory>();

    public static async Task<DurableStoreSilo> StartSqliteAsync(string logDirectory)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleanschat-bench-durable-").FullName;
        var file = Path.Combine(dataDirectory, "orleanschat.db");
        return await StartAsync("SQLite (embedded)", logDirectory, new Dictionary<string, string>
            {
                ["Chat:Storage"] = "Sqlite",
                ["Chat:DataDirectory"] = dataDirectory,
            },
            () => new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=60"),
            () =>
            {
                Directory.Delete(dataDirectory, recursive: true);
                return ValueTask.CompletedTask;
            });
    }

    /// <param name="fsync">Whether PostgreSQL flushes each commit to disk: on is durability, off an upper bound.</param>
    public static async Task<DurableStoreSilo> StartPostgresAsync(string logDirectory, bool fsync)
    {
        var postgres = await PostgresServer.StartAsync(fsync);
        var connectionString = await postgres.CreateDatabaseAsync();
        return await StartAsync(fsync ? "PostgreSQL, fsync on" : "PostgreSQL, fsync off", logDirectory, new Dictionary<string, string>
            {
                ["Chat:Storage"] = "Postgres",
                ["ConnectionStrings:chatdb"] = connectionString,
                ["Chat:Silo:AdvertisedHost"] = "127.0.0.1",
            },
            () => new NpgsqlConnection(connectionString),
            postgres.DisposeAsync);
    }

    /// <summary>A new, unopened connection to the silo's database (SQLite: the same file, which the silo keeps open).</summary>
    public DbConnection Connect() => _connect();

    /// <summary>Rows in the message log: what was really stored.</summary>
    public async Task<long> StoredMessagesAsync()
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM messages";
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        await _cleanUp();
    }

    private static async Task<DurableStoreSilo> StartAsync(
        string store, string logDirectory, Dictionary<string, string> storage, Func<DbConnection> connect, Func<ValueTask> cleanUp)
    {
        var clusterId = $"bench-{Guid.NewGuid():N}"[..16];
        var gatewayPort = FreePort.Next();
        storage["Chat:ClusterId"] = clusterId;
        storage["Chat:Silo:Port"] = FreePort.Next().ToString();
        storage["Chat:Silo:GatewayPort"] = gatewayPort.ToString();
        var silo = BuiltProjects.Start($"durable-silo-{storage["Chat:Storage"].ToLowerInvariant()}", "OrleansChat.Silo", storage, logDirectory);
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
        return new DurableStoreSilo(store, silo, client, connect, cleanUp);
    }
}
