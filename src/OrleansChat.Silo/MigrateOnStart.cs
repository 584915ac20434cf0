using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo;

/// <summary>
/// Brings the database schema up to date before anything else in the silo touches the database: Orleans'
/// membership table and grain storage live in it too.
/// </summary>
internal sealed class MigrateOnStart(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrateOnStart), ServiceLifecycleStage.First, migrator.MigrateAsync);
}
