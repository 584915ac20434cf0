using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using OrleansChat.Grains.Members;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Persistence;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Storage.Sql.Rooms;

namespace OrleansChat.Testing.Faults;

public static class PlannedFaultsWiring
{
    /// <summary>
    /// After the production wiring: the message log, the room directory's membership writes and (embedded) the grain storage underneath the state snapshots
    /// fail as <see cref="PlannedFaults"/> says, and pass everything through otherwise.
    /// </summary>
    public static ISiloBuilder AddPlannedFaults(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSingleton<IMessageLog>(sp => new FaultyMessageLog(ActivatorUtilities.CreateInstance<SqlMessageLog>(sp)));
        silo.Services.AddSingleton<IRoomDirectory>(sp => new FaultyRoomDirectory(ActivatorUtilities.CreateInstance<SqlRoomDirectory>(sp)));
        if (!configuration.IsCluster())
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(ChatStorage.ProviderName,
                (sp, _) => new FaultyGrainStorage(ActivatorUtilities.CreateInstance<SqlGrainStorage>(sp)));
        }
        return silo;
    }
}
