using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo;

/// <summary>Brings the database schema up to date before the silo activates any grain.</summary>
internal sealed class MigrateOnStart(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MigrateOnStart), ServiceLifecycleStage.RuntimeInitialize, migrator.MigrateAsync);
}
