using Npgsql;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sqlite;

namespace OrleansChat.Silo.Database;

/// <summary>The chat's database by mode, its migrations and its health check: what a silo and its migrate step share.</summary>
public static class ChatDatabaseExtensions
{
    /// <summary>The size of a silo's own pool unless <c>Chat:Database:Pools:Chat</c> says otherwise (docs/operations.md).</summary>
    public const int ChatPoolSize = 16;

    /// <summary><c>Chat:Database</c> as it is configured now, for decisions taken while services are registered.</summary>
    public static DatabaseOptions ChatDatabaseOptions(this IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static IServiceCollection AddChatDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddSingleton<SchemaMigrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(10));
        if (configuration.IsCluster())
        {
            var connectionString = configuration.PoolConnectionString(DatabasePools.Chat, ChatPoolSize);
            var settings = configuration.ChatDatabaseOptions();
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddSingleton<IChatDatabase>(sp => new PostgresDatabase(sp.GetRequiredService<NpgsqlDataSource>(),
                new MigrationTimeouts(settings.MigrationLockTimeout, settings.MigrationStatementTimeout), settings.WriteLanes));
            services.AddSingleton<RoleLogins>();
        }
        else
        {
            var path = Path.Combine(configuration.DataDirectory(), SqliteDatabase.FileName);
            // Made by the container, so that it is disposed with it: its writer finishes what was queued.
            services.AddSingleton<IChatDatabase>(_ => new SqliteDatabase(path));
        }
        return services;
    }
}
