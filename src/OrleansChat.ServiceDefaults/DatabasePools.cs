using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The connection strings of a process's PostgreSQL pools, from <c>ConnectionStrings:chatdb</c>. Every pool is a share
/// of the server's <c>max_connections</c> (100 unless raised), and Npgsql's default of 100 a pool would let three
/// silos exhaust it: each pool's size is <c>Chat:Database:Pools:{pool}</c>, with a small default (the budget is in
/// docs/operations.md). Each pool names itself to the server (<c>pg_stat_activity.application_name</c>), so an
/// operator sees which process and which pool holds a connection, and prepares the statements it sends often
/// (Npgsql's auto-prepare: the server plans a statement once per connection instead of at every call).
/// </summary>
public static class DatabasePools
{
    /// <summary>A silo's own pool: the message log, the migrations, the health check.</summary>
    public const string Chat = "Chat";

    /// <summary>The pool of Orleans' ADO.NET providers: membership, grain state, and a client's gateway list.</summary>
    public const string Orleans = "Orleans";

    /// <param name="pool"><see cref="Chat"/> or <see cref="Orleans"/>.</param>
    /// <param name="defaultSize">The size when <c>Chat:Database:Pools:{pool}</c> is not set.</param>
    public static string PoolConnectionString(this IConfiguration configuration, string pool, int defaultSize)
    {
        var process = configuration["Chat:Database:ApplicationName"] is { Length: > 0 } name
            ? name
            : $"{AppDomain.CurrentDomain.FriendlyName} {Environment.MachineName}";
        return new NpgsqlConnectionStringBuilder(configuration.ChatDatabase())
        {
            MaxPoolSize = configuration.GetValue($"Chat:Database:Pools:{pool}", defaultSize),
            // The server keeps at most 63 bytes of it.
            ApplicationName = $"{process} {pool.ToLowerInvariant()}",
            MaxAutoPrepare = configuration.GetValue("Chat:Database:MaxAutoPrepare", 64),
        }.ConnectionString;
    }
}
