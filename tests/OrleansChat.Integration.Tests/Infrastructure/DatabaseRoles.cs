using Npgsql;

namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>The roles that the migrations create (<c>0004_roles.sql</c>) and the migrate step gives passwords.</summary>
public static class DatabaseRoles
{
    public const string Owner = "chat_owner";
    public const string Silo = "chat_silo";
    public const string Web = "chat_web";

    /// <summary>The database of <paramref name="adminConnectionString"/>, as <paramref name="role"/>.</summary>
    public static string ConnectionString(string adminConnectionString, string role, string password) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = role, Password = password }.ConnectionString;
}
