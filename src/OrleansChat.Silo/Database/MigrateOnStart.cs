using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Database;

/// <summary>
/// Brings the database schema up to date before anything else in the silo touches the database: Orleans'
/// membership table and grain storage live in it too. Only where <c>Chat:Database:MigrateOnStart</c> is on; elsewhere
/// the migrate step (<see cref="MigrateCommand"/>) has run first.
/// </summary>
internal sealed class MigrateOnStart(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrateOnStart), ServiceLifecycleStage.First, migrator.MigrateAsync);
}
