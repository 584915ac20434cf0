using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// The cluster topology as real processes on loopback: a throwaway PostgreSQL, silos and web nodes in cluster
/// mode, configured with the same keys as docker-compose and, as there, connecting as the app's role rather than
/// the superuser. Logs stay in a temporary directory, printed on failure.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string SigningKey = "integration-tests-signing-key-0123456789";

    private readonly List<BuiltProcess> _processes = [];

    private ClusterHarness(PostgresServer postgres, string adminConnectionString, string logDirectory)
    {
        Postgres = postgres;
        AdminConnectionString = adminConnectionString;
        ConnectionString = adminConnectionString;
        LogDirectory = logDirectory;
    }

    public PostgresServer Postgres { get; }

    /// <summary>The chat's database as the superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>What silos and web nodes connect with: the app's role once it exists.</summary>
    public string ConnectionString { get; private set; }

    public string LogDirectory { get; }
    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];

    /// <summary>An empty database as docker-compose's PostgreSQL starts: with the app's role, which processes use.</summary>
    public static async Task<ClusterHarness> StartPostgresAsync()
    {
        var cluster = await StartPostgresWithoutAppRoleAsync();
        await cluster.CreateAppRoleAsync();
        return cluster;
    }

    /// <summary>An empty database that processes use as the superuser, as deployments did before the app's role.</summary>
    public static async Task<ClusterHarness> StartPostgresWithoutAppRoleAsync()
    {
        var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        return new ClusterHarness(postgres, connectionString, Directory.CreateTempSubdirectory("orleanschat-cluster-").FullName);
    }

    /// <summary>Runs the deployment's role script; processes added from now on connect as the role.</summary>
    public async Task CreateAppRoleAsync() => ConnectionString = await AppDatabaseRole.CreateAsync(Postgres, AdminConnectionString);

    public BuiltProcess Silo(string name) => Add(name, "OrleansChat.Silo", new Dictionary<string, string>
    {
        ["Chat:Silo:Port"] = FreePort.Next().ToString(),
        ["Chat:Silo:GatewayPort"] = FreePort.Next().ToString(),
        ["Chat:Silo:AdvertisedHost"] = "127.0.0.1",
    });

    public BuiltProcess Web(string name, IReadOnlyDictionary<string, string>? settings = null) => Add(name, "OrleansChat.Web", new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
    {
        ["Chat:Auth:SigningKey"] = SigningKey,
        ["Chat:Auth:DevLogin"] = "true",
    });

    /// <summary>Every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"---- {p.Name}\n{Tail(p.ReadLog(), 4000)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
    }

    private BuiltProcess Add(string name, string project, Dictionary<string, string> settings)
    {
        settings["Chat:Storage"] = "Postgres";
        settings["Chat:ClusterId"] = ClusterId;
        settings["ConnectionStrings:chatdb"] = ConnectionString;
        var process = new BuiltProcess(name, project, settings, LogDirectory);
        _processes.Add(process);
        return process;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
