using System.Data.Common;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Silo.Database;

/// <summary>
/// Where silos do not migrate (<c>Chat:Database:MigrateOnStart=false</c>), stops a silo before it touches the database
/// if the schema lacks one of its release's migrations: a new release started before its migrate step would otherwise
/// fail later, call by call, on tables or columns that are not there yet.
/// </summary>
internal sealed class RequireMigratedSchema(SchemaMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    private const string Remedy = "run `OrleansChat.Silo migrate` as the database's admin first (docs/deploy.md)";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RequireMigratedSchema), ServiceLifecycleStage.First, CheckAsync);

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missing;
        try
        {
            missing = await migrator.MissingAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new InvalidOperationException($"The database's schema history cannot be read (is the database migrated?): {Remedy}.", exception);
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The database lacks the migrations {string.Join(", ", missing)} of this release: {Remedy}.");
        }
    }
}
