using Npgsql;

namespace OrleansChat.Testing;

/// <summary>
/// A throwaway PostgreSQL server: initdb into a temporary directory, started with pg_ctl on a free loopback
/// port, as the <c>postgres</c> user when running as root (PostgreSQL refuses root). Stop, start and restart it
/// to test outages; dispose it to remove every trace. Connections over TCP are trusted unless passwords are checked.
/// Placed on a <see cref="NetworkHost"/>, it listens on that host's address only, inside its namespace; the test
/// itself then reaches it over its Unix socket, which no network namespace hides.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The superuser's password, which matters only where the server checks passwords.</summary>
    public const string SuperuserPassword = "postgres";

    private const string InstallHint = "Install the server: apt-get update && apt-get install -y postgresql (eng/test.sh does this).";

    private readonly string _directory;
    private readonly string? _runAs = Environment.UserName == "root" ? "postgres" : null;

    private readonly bool _fsync;
    private readonly NetworkHost? _host;

    private PostgresServer(string binDirectory, string directory, bool fsync, NetworkHost? host)
    {
        BinDirectory = binDirectory;
        _directory = directory;
        _fsync = fsync;
        _host = host;
    }

    public string BinDirectory { get; }
    public int Port { get; } = FreePort.Next();
    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The server's maintenance database, as the superuser.</summary>
    public string AdminConnectionString => _host is null ? ConnectionString("postgres") : LocalConnectionString("postgres");

    /// <param name="fsync">
    /// Whether commits are flushed to disk: off for tests (durability across power loss is not what they test, and it
    /// spares shared machines' disks), on where durability is measured.
    /// </param>
    /// <param name="checkPasswords">Whether TCP logins need their role's password (SCRAM), as in production.</param>
    /// <param name="host">Where it runs, when not on loopback.</param>
    public static async Task<PostgresServer> StartAsync(bool fsync = false, bool checkPasswords = false, NetworkHost? host = null)
    {
        var bin = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("orleanschat-pg-").FullName;
        var server = new PostgresServer(bin, directory, fsync, host);
        var passwordFile = Path.Combine(directory, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword);
        if (server._runAs is not null) await ExternalProcess.RunAsync("chown", ["-R", server._runAs, directory]);
        var authentication = checkPasswords ? "scram-sha-256" : "trust";
        await server.RunAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--pwfile", passwordFile, "--auth-local=trust",
            $"--auth-host={authentication}", "-E", "UTF8", "--no-instructions"]);
        if (host is not null)
        {
            // initdb admits loopback only; the host's peers on its network connect from their own addresses.
            await File.AppendAllTextAsync(Path.Combine(server.DataDirectory, "pg_hba.conf"), $"host all all {host.Address}/24 {authentication}\n");
        }
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"chat_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = _host?.Address ?? "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = SuperuserPassword,
        Database = database,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>A database as the superuser over the server's Unix socket, from this machine whatever its network.</summary>
    public string LocalConnectionString(string database) => new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Host = _directory }.ConnectionString;

    /// <summary>Stops at once, as a crash or an outage would (clients see connection errors).</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public Task StartAgainAsync()
    {
        string[] start = ["-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"),
            "-o", $"-p {Port} -c listen_addresses={_host?.Address ?? "127.0.0.1"} -k {_directory} -c fsync={(_fsync ? "on" : "off")} -c synchronous_commit=on -c max_connections=300", "start"];
        if (_host is null) return RunAsync("pg_ctl", start);
        // The server forks off pg_ctl and stays in the namespace it was started in.
        string[] asUser = _runAs is null ? [] : ["runuser", "-u", _runAs, "--"];
        return ExternalProcess.RunAsync("ip", [.. _host.Exec, .. asUser, Path.Combine(BinDirectory, "pg_ctl"), .. start], timeout: TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_directory, recursive: true);
    }

    private Task<string> RunAsync(string tool, IEnumerable<string> arguments) =>
        ExternalProcess.RunAsync(Path.Combine(BinDirectory, tool), arguments, _runAs, TimeSpan.FromMinutes(2));

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return bin ?? throw new InvalidOperationException($"No PostgreSQL server binaries under {root}/*/bin. {InstallHint}");
    }
}
