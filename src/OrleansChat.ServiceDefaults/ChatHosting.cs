using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings every OrleansChat process reads the same way. Ours live under <c>Chat:</c>, never <c>Orleans:</c>.</summary>
public static class ChatHosting
{
    /// <summary>Embedded mode: one silo, one SQLite file, localhost clustering.</summary>
    public const string SqliteStorage = "Sqlite";

    /// <summary>Cluster mode: silos and web replicas sharing one PostgreSQL database (<c>ConnectionStrings:chatdb</c>).</summary>
    public const string PostgresStorage = "Postgres";

    /// <summary>The Orleans service id: stable across deployments, it keys stored grain state.</summary>
    public const string ServiceId = "orleanschat";

    /// <summary><c>Chat:Storage</c>; <c>Sqlite</c> (embedded) unless configured.</summary>
    public static string StorageMode(this IConfiguration configuration) => configuration["Chat:Storage"] ?? SqliteStorage;

    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.Equals(configuration.StorageMode(), SqliteStorage, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for cluster mode; throws for a <c>Chat:Storage</c> that is neither mode.</summary>
    public static bool IsCluster(this IConfiguration configuration)
    {
        if (configuration.IsEmbedded()) return false;
        if (string.Equals(configuration.StorageMode(), PostgresStorage, StringComparison.OrdinalIgnoreCase)) return true;
        throw new InvalidOperationException(
            $"Chat:Storage is '{configuration.StorageMode()}'; use '{SqliteStorage}' (embedded) or '{PostgresStorage}' (cluster).");
    }

    /// <summary>The cluster's PostgreSQL database, <c>ConnectionStrings:chatdb</c>.</summary>
    public static string ChatDatabase(this IConfiguration configuration) =>
        configuration.GetConnectionString("chatdb") is { Length: > 0 } connectionString ? connectionString
            : throw new InvalidOperationException("Cluster mode needs ConnectionStrings:chatdb (a PostgreSQL connection string).");

    /// <summary>
    /// <c>Chat:ClusterId</c>: silos and clients with the same id form one cluster. A new id per deployment lets an
    /// upgrade run beside the old cluster; the service id (and so stored state) stays the same.
    /// </summary>
    public static string ClusterId(this IConfiguration configuration) => configuration["Chat:ClusterId"] ?? "orleanschat";

    /// <summary>
    /// <c>Chat:Silo:AdvertisedHost</c>: the address other silos and web nodes reach this silo at (an IP or a host
    /// name; never a load balancer or a wildcard). Defaults to this machine's host name.
    /// </summary>
    public static string AdvertisedHost(this IConfiguration configuration) =>
        configuration["Chat:Silo:AdvertisedHost"] is { Length: > 0 } host ? host : System.Net.Dns.GetHostName();

    /// <summary>
    /// <c>Chat:DataDirectory</c>, else <c>OrleansChat</c> in the user's data folder (<c>~/.local/share</c> on Linux),
    /// else <c>./data</c>. Created if missing.
    /// </summary>
    public static string DataDirectory(this IConfiguration configuration)
    {
        var configured = configuration["Chat:DataDirectory"];
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        var directory = !string.IsNullOrWhiteSpace(configured) ? configured
            : !string.IsNullOrEmpty(userData) ? Path.Combine(userData, "OrleansChat")
            : Path.Combine(Directory.GetCurrentDirectory(), "data");
        Directory.CreateDirectory(directory);
        return Path.GetFullPath(directory);
    }

    /// <summary>The Orleans gateway port silos listen on and web nodes connect to (<c>Chat:Silo:GatewayPort</c>).</summary>
    public static int GatewayPort(this IConfiguration configuration) => configuration.GetValue("Chat:Silo:GatewayPort", 30000);

    /// <summary>The silo-to-silo port (<c>Chat:Silo:Port</c>).</summary>
    public static int SiloPort(this IConfiguration configuration) => configuration.GetValue("Chat:Silo:Port", 11111);
}
