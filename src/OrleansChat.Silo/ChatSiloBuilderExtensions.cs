using Orleans.Runtime.Hosting;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Persistence;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sqlite;

namespace OrleansChat.Silo;

/// <summary>How a silo is put together, by <c>Chat:</c> configuration. Tests build their silos with the same calls.</summary>
public static class ChatSiloBuilderExtensions
{
    /// <summary>Clustering by mode. Embedded: localhost clustering on <c>Chat:Silo:Port</c> and <c>Chat:Silo:GatewayPort</c>.</summary>
    public static ISiloBuilder UseChatClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        RequireSupportedStorage(configuration);
        return silo.UseLocalhostClustering(configuration.SiloPort(), configuration.GatewayPort(),
            serviceId: "orleanschat", clusterId: "orleanschat");
    }

    /// <summary>The grains, their options, and the storage they use: the message log and grain state.</summary>
    public static ISiloBuilder AddChatGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        RequireSupportedStorage(configuration);
        var services = silo.Services;
        services.Configure<RoomOptions>(configuration.GetSection(RoomOptions.SectionName));
        services.Configure<PresenceOptions>(configuration.GetSection(PresenceOptions.SectionName));
        services.AddSingleton(TimeProvider.System);

        var path = Path.Combine(configuration.DataDirectory(), SqliteDatabase.FileName);
        services.AddSingleton<IChatDatabase>(new SqliteDatabase(path));
        services.AddSingleton<IMessageLog, SqlMessageLog>();
        services.AddGrainStorage(ChatStorage.Name, (sp, _) => ActivatorUtilities.CreateInstance<SqlGrainStorage>(sp));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MigrateOnStart>();
        return silo;
    }

    private static void RequireSupportedStorage(IConfiguration configuration)
    {
        if (!configuration.IsEmbedded())
        {
            throw new InvalidOperationException(
                $"Chat:Storage is '{configuration.StorageMode()}'; this build supports '{ChatHosting.SqliteStorage}'.");
        }
    }
}
