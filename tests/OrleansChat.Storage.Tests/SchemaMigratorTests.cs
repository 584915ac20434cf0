using Microsoft.Extensions.Logging.Abstractions;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests;

[Collection(StorageEnginesCollection.Name)]
public sealed class SchemaMigratorTests(StorageEngines engines)
{
    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Migrators_starting_together_on_an_empty_database_apply_each_migration_once(string engine)
    {
        var database = await engines.CreateEmptyAsync(engine);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync())));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        var expected = SchemaMigrator.Migrations(engine).Select(m => m.Version).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await AppliedAsync(database));
    }

    private static async Task<string[]> AppliedAsync(IChatDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetString(0));
        return [.. versions];
    }
}
