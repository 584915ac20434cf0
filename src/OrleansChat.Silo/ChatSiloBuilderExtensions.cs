using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using OrleansChat.Ai;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Persistence;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Search;
using OrleansChat.Grains.Support;
using OrleansChat.Grains.Users;
using OrleansChat.Silo.Database;
using OrleansChat.Silo.Mail;
using OrleansChat.Silo.Support;
using OrleansChat.Silo.Webhooks;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Storage.Sql.Rooms;
using OrleansChat.Storage.Sql.Search;
using OrleansChat.Storage.Sql.Support;

namespace OrleansChat.Silo;

/// <summary>How a silo is put together, by <c>Chat:</c> configuration. Tests build their silos with the same calls.</summary>
public static class ChatSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, as Orleans' providers name it.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>The size of the pool of Orleans' providers unless <c>Chat:Database:Pools:Orleans</c> says otherwise (docs/operations.md).</summary>
    public const int OrleansPoolSize = 8;

    /// <summary>
    /// Clustering by mode. Embedded: localhost clustering. Cluster: Orleans' ADO.NET membership table in
    /// PostgreSQL, listening on all interfaces and advertising <c>Chat:Silo:AdvertisedHost</c>.
    /// Both use <c>Chat:Silo:Port</c> and <c>Chat:Silo:GatewayPort</c>.
    /// </summary>
    public static ISiloBuilder UseChatClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!configuration.IsCluster())
        {
            return silo.UseLocalhostClustering(configuration.SiloPort(), configuration.GatewayPort(),
                serviceId: ChatHosting.ServiceId, clusterId: configuration.ClusterId());
        }
        var connectionString = configuration.PoolConnectionString(DatabasePools.Orleans, OrleansPoolSize);
        return silo
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = configuration.ClusterId();
                cluster.ServiceId = ChatHosting.ServiceId;
            })
            .UseAdoNetClustering(options =>
            {
                options.Invariant = NpgsqlInvariant;
                options.ConnectionString = connectionString;
            })
            .ConfigureEndpoints(configuration.AdvertisedHost(), configuration.SiloPort(), configuration.GatewayPort(),
                AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
    }

    /// <summary>The grains, their options, the storage they use (message log and grain state), the support bot's assistant, and the dashboard.</summary>
    public static ISiloBuilder AddChatGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        // A grain call is part of the trace that made it, and so are the calls it makes (observers included).
        silo.AddActivityPropagation();
        var services = silo.Services;
        services.Configure<RoomOptions>(configuration.GetSection(RoomOptions.SectionName));
        services.Configure<PresenceOptions>(configuration.GetSection(PresenceOptions.SectionName));
        services.Configure<SupportOptions>(configuration.GetSection(SupportOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMessageLog, SqlMessageLog>();
        services.AddSingleton<IChangeLog, SqlChangeLog>();
        services.AddSingleton<IRoomDirectory, SqlRoomDirectory>();
        services.AddSingleton<IFileCatalog, SqlFileCatalog>();
        services.AddSingleton<ISupportArchive, SqlSupportArchive>();
        services.AddSingleton<IMessageSearch, SqlMessageSearch>();
        services.AddSingleton<ISupportNoteStore, SqlSupportNoteStore>();
        services.AddSingleton<ICannedResponseStore, SqlCannedResponseStore>();
        services.AddChatWebhooks(configuration);
        services.AddChatMail(configuration);
        // The support bot runs where the desk does: the AI client and knowledge bases live on the silo too.
        services.AddChatAssistant(configuration);
        services.AddSingleton<ISupportAssistant, SupportAssistant>();
        services.AddChatDatabase(configuration);
        if (configuration.ChatDatabaseOptions().MigrateOnStart)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MigrateOnStart>();
        }
        else
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RequireMigratedSchema>();
        }
        silo.AddDashboard();

        if (configuration.IsCluster())
        {
            var connectionString = configuration.PoolConnectionString(DatabasePools.Orleans, OrleansPoolSize);
            silo.AddAdoNetGrainStorage(ChatStorage.ProviderName, options =>
            {
                options.Invariant = NpgsqlInvariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new ChatStateSerializer();
            });
        }
        else
        {
            services.AddKeyedSingleton<IGrainStorage>(ChatStorage.ProviderName, (sp, _) => ActivatorUtilities.CreateInstance<SqlGrainStorage>(sp));
        }
        services.AddGrainStorage(ChatStorage.Name, (sp, _) => new StateSnapshotStorage(sp.GetRequiredKeyedService<IGrainStorage>(ChatStorage.ProviderName), sp.GetRequiredService<ILogger<StateSnapshotStorage>>()));
        return silo;
    }
}
