using OrleansChat.Partitions.Network;
using OrleansChat.Testing;

namespace OrleansChat.Partitions;

/// <summary>
/// The cluster topology of docker-compose on an <see cref="IsolatedNetwork"/>: PostgreSQL, three silos and two web
/// nodes, each on a host of its own, plus a host for the clients. Every process advertises and listens on its
/// host's address, as in compose where each service is its own machine on the compose network. Logs stay in a
/// temporary directory, printed on failure.
/// </summary>
public sealed class PartitionCluster : IAsyncDisposable
{
    private const string SigningKey = "partition-tests-signing-key-0123456789";
    private const int SiloPort = 11111;
    private const int GatewayPort = 30000;

    private readonly List<BuiltProcess> _processes = [];
    private readonly string _clusterId = $"partitions-{Guid.NewGuid():N}"[..20];

    private PartitionCluster(IsolatedNetwork network, PostgresServer postgres, string database, string logDirectory)
    {
        Network = network;
        Postgres = postgres;
        Database = database;
        LogDirectory = logDirectory;
    }

    public IsolatedNetwork Network { get; }
    public PostgresServer Postgres { get; }
    public string Database { get; }
    public string LogDirectory { get; }
    public NetworkHost PostgresHost => Host("pg");
    public NetworkHost ClientHost => Host("clients");
    public IReadOnlyList<NetworkHost> SiloHosts => [.. Network.Hosts.Where(h => h.Name.StartsWith("silo", StringComparison.Ordinal))];
    public IReadOnlyList<NetworkHost> WebHosts => [.. Network.Hosts.Where(h => h.Name.StartsWith("web", StringComparison.Ordinal))];
    public IReadOnlyList<BuiltProcess> Silos => [.. _processes.Where(p => p.Name.StartsWith("silo", StringComparison.Ordinal))];
    public IReadOnlyList<BuiltProcess> Webs => [.. _processes.Where(p => p.Name.StartsWith("web", StringComparison.Ordinal))];

    /// <summary>The network, PostgreSQL migrated by the migrate step, then the silos and web nodes, all started and healthy.</summary>
    public static async Task<PartitionCluster> StartAsync(int silos, int webs)
    {
        var network = await IsolatedNetwork.CreateAsync();
        PostgresServer? postgres = null;
        PartitionCluster? cluster = null;
        try
        {
            var postgresHost = await network.AddHostAsync("pg");
            for (var i = 1; i <= silos; i++) await network.AddHostAsync($"silo{i}");
            for (var i = 1; i <= webs; i++) await network.AddHostAsync($"web{i}");
            await network.AddHostAsync("clients");
            postgres = await PostgresServer.StartAsync(host: postgresHost);
            var database = $"chat_{Guid.NewGuid():N}";
            await postgres.CreateDatabaseAsync(database);
            cluster = new PartitionCluster(network, postgres, database, Directory.CreateTempSubdirectory("orleanschat-partitions-").FullName);
            await cluster.StartProcessesAsync();
            return cluster;
        }
        catch
        {
            // What failed to start says why in its exception, with its log; nothing of the run may stay behind.
            if (cluster is not null) await cluster.DisposeAsync();
            else
            {
                if (postgres is not null) await postgres.DisposeAsync();
                await network.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>Starts a silo again after it stopped itself (as it must when it finds the cluster declared it dead), as compose's restart policy would.</summary>
    public async Task<bool> RestartIfStoppedAsync(BuiltProcess silo)
    {
        if (silo.IsRunning) return false;
        await silo.StartAsync();
        return true;
    }

    /// <summary>Every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"---- {p.Name}\n{Tail(p.ReadLog(), 6000)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await Postgres.DisposeAsync();
        await Network.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
    }

    private async Task StartProcessesAsync()
    {
        // The migrate step runs from the first silo's host, before any silo starts, as compose orders it.
        await Process("migrate", "OrleansChat.Silo", SiloHosts[0], []).RunToExitAsync("migrate");
        var silos = SiloHosts.Select(host => Process(host.Name, "OrleansChat.Silo", host, new Dictionary<string, string>
        {
            ["Chat:Silo:Port"] = SiloPort.ToString(),
            ["Chat:Silo:GatewayPort"] = GatewayPort.ToString(),
            ["Chat:Silo:AdvertisedHost"] = host.Address,
            ["Chat:Database:MigrateOnStart"] = "false",
        })).ToList();
        await Task.WhenAll(silos.Select(s => s.StartAsync(TimeSpan.FromMinutes(2))));
        var webs = WebHosts.Select(host => Process(host.Name, "OrleansChat.Web", host, new Dictionary<string, string>
        {
            ["Chat:Auth:SigningKey"] = SigningKey,
            ["Chat:Auth:DevLogin"] = "true",
            ["Chat:Realtime:RenewPeriod"] = "00:00:05",
            ["Chat:Files:Store"] = "folder",
            ["Chat:Files:Directory"] = Directory.CreateDirectory(Path.Combine(LogDirectory, "files")).FullName,
        })).ToList();
        await Task.WhenAll(webs.Select(w => w.StartAsync(TimeSpan.FromMinutes(2))));
    }

    private BuiltProcess Process(string name, string project, NetworkHost host, Dictionary<string, string> settings)
    {
        settings["Chat:Storage"] = "Postgres";
        settings["Chat:ClusterId"] = _clusterId;
        settings["ConnectionStrings:chatdb"] = Postgres.ConnectionString(Database);
        var process = new BuiltProcess(name, project, settings, LogDirectory, host);
        _processes.Add(process);
        return process;
    }

    private NetworkHost Host(string name) => Network.Hosts.Single(h => h.Name == name);

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
