using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// The cluster topology as real processes on loopback: a throwaway PostgreSQL that checks passwords, the migrate
/// step, then silos and web nodes in cluster mode, configured with the same keys as docker-compose and, as there,
/// connecting as the roles the migrations made (<c>chat_silo</c>, <c>chat_web</c>), never the superuser. Logs stay
/// in a temporary directory, printed on failure.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string SigningKey = "integration-tests-signing-key-0123456789";

    private readonly List<BuiltProcess> _processes = [];

    private ClusterHarness(PostgresServer postgres, string adminConnectionString, string logDirectory)
    {
        Postgres = postgres;
        AdminConnectionString = adminConnectionString;
        LogDirectory = logDirectory;
    }

    public PostgresServer Postgres { get; }

    /// <summary>The chat's database as the superuser: what the migrate step connects with.</summary>
    public string AdminConnectionString { get; }

    public string SiloPassword { get; } = Guid.NewGuid().ToString("N");
    public string WebPassword { get; } = Guid.NewGuid().ToString("N");

    public string SiloConnectionString => DatabaseRoles.ConnectionString(AdminConnectionString, DatabaseRoles.Silo, SiloPassword);
    public string WebConnectionString => DatabaseRoles.ConnectionString(AdminConnectionString, DatabaseRoles.Web, WebPassword);

    public string LogDirectory { get; }

    /// <summary>The file store's folder, one for every web node as a cluster's must be.</summary>
    public string FilesDirectory { get; } = Directory.CreateTempSubdirectory("orleanschat-cluster-files-").FullName;
    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];

    /// <summary>An empty database brought up to date by the migrate step, as docker-compose runs it before the silos.</summary>
    public static async Task<ClusterHarness> StartPostgresAsync()
    {
        var cluster = await StartEmptyPostgresAsync();
        await cluster.MigrateAsync();
        return cluster;
    }

    /// <summary>An empty database, not migrated.</summary>
    public static async Task<ClusterHarness> StartEmptyPostgresAsync()
    {
        var postgres = await PostgresServer.StartAsync(checkPasswords: true);
        var connectionString = await postgres.CreateDatabaseAsync();
        return new ClusterHarness(postgres, connectionString, Directory.CreateTempSubdirectory("orleanschat-cluster-").FullName);
    }

    /// <summary><c>OrleansChat.Silo migrate</c> as the superuser, giving the roles their passwords.</summary>
    public Task MigrateAsync(string name = "migrate") => Add(name, "OrleansChat.Silo", AdminConnectionString, new Dictionary<string, string>
    {
        ["Chat:Database:SiloPassword"] = SiloPassword,
        ["Chat:Database:WebPassword"] = WebPassword,
    }).RunToExitAsync("migrate");

    public BuiltProcess Silo(string name) => Add(name, "OrleansChat.Silo", SiloConnectionString, new Dictionary<string, string>
    {
        ["Chat:Silo:Port"] = FreePort.Next().ToString(),
        ["Chat:Silo:GatewayPort"] = FreePort.Next().ToString(),
        ["Chat:Silo:AdvertisedHost"] = "127.0.0.1",
        // The migrate step did it; chat_silo could not.
        ["Chat:Database:MigrateOnStart"] = "false",
    });

    public BuiltProcess Web(string name, IReadOnlyDictionary<string, string>? settings = null) => Add(name, "OrleansChat.Web", WebConnectionString,
        new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Chat:Auth:SigningKey"] = SigningKey,
            ["Chat:Auth:DevLogin"] = "true",
            ["Chat:Files:Store"] = "folder",
            ["Chat:Files:Directory"] = FilesDirectory,
        });

    /// <summary>Every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"---- {p.Name}\n{Tail(p.ReadLog(), 4000)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
        Directory.Delete(FilesDirectory, recursive: true);
    }

    private BuiltProcess Add(string name, string project, string connectionString, Dictionary<string, string> settings)
    {
        settings["Chat:Storage"] = "Postgres";
        settings["Chat:ClusterId"] = ClusterId;
        settings["ConnectionStrings:chatdb"] = connectionString;
        var process = new BuiltProcess(name, project, settings, LogDirectory);
        _processes.Add(process);
        return process;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];
}
