using Npgsql;
using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// The app's own role, <c>chat_app</c>, made by the deployment's script (<c>deploy/postgres/chat-app-role.sh</c>)
/// run as the postgres image runs it: executed, as the superuser, with <c>POSTGRES_DB</c> naming the database.
/// </summary>
public static class AppDatabaseRole
{
    public const string Name = "chat_app";
    public const string Script = "deploy/postgres/chat-app-role.sh";

    /// <summary>Runs the script on the database of <paramref name="adminConnectionString"/>; the role's connection string.</summary>
    public static async Task<string> CreateAsync(PostgresServer server, string adminConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var password = Guid.NewGuid().ToString("N");
        await ExternalProcess.RunAsync("env", [
            $"PATH={server.BinDirectory}:{Environment.GetEnvironmentVariable("PATH")}",
            $"PGHOST={admin.Host}",
            $"PGPORT={admin.Port}",
            $"POSTGRES_USER={admin.Username}",
            $"POSTGRES_DB={admin.Database}",
            $"CHAT_DB_PASSWORD={password}",
            RepositoryFiles.PathOf(Script)]);
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = Name, Password = password }.ConnectionString;
    }
}
