using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings every OrleansChat process reads the same way. Ours live under <c>Chat:</c>, never <c>Orleans:</c>.</summary>
public static class ChatHosting
{
    /// <summary>Embedded mode: one silo, one SQLite file, localhost clustering.</summary>
    public const string SqliteStorage = "Sqlite";

    /// <summary><c>Chat:Storage</c>; <c>Sqlite</c> (embedded) unless configured.</summary>
    public static string StorageMode(this IConfiguration configuration) => configuration["Chat:Storage"] ?? SqliteStorage;

    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.Equals(configuration.StorageMode(), SqliteStorage, StringComparison.OrdinalIgnoreCase);

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
