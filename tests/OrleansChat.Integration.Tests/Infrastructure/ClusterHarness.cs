using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// The cluster topology as real processes on loopback: a throwaway PostgreSQL, silos and web nodes in cluster
/// mode, configured with the same keys as docker-compose. Logs stay in a temporary directory, printed on failure.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string SigningKey = "integration-tests-signing-key-0123456789";

    private readonly List<BuiltProcess> _processes = [];

    private ClusterHarness(PostgresServer postgres, string connectionString, string logDirectory)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        LogDirectory = logDirectory;
    }

    public PostgresServer Postgres { get; }
    public string ConnectionString { get; }
    public string LogDirectory { get; }
    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];

    public static async Task<ClusterHarness> StartPostgresAsync()
    {
        var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        return new ClusterHarness(postgres, connectionString, Directory.CreateTempSubdirectory("orleanschat-cluster-").FullName);
    }

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
