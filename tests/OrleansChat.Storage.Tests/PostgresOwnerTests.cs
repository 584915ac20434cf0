using System.Data.Common;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// Migrations after <c>0004_roles</c> run as <c>chat_owner</c>, whoever connects to run them: so what they create is
/// the owner's, and the owner's default privileges hand it to <c>chat_silo</c> with no GRANT in the migration.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class PostgresOwnerTests(StorageEngines engines)
{
    [Fact]
    public async Task A_table_a_later_migration_creates_belongs_to_the_owner_and_the_silos_may_change_its_rows_only()
    {
        var database = await engines.CreateMigratedAsync(StorageEngines.Postgres);

        await using (var connection = await database.OpenAsync())
        await using (var migration = await database.BeginMigrationAsync(connection))
        {
            // A data migration's staging table, as 0005_members stages the rooms it moves.
            await ScalarAsync(connection, "CREATE TEMPORARY TABLE staged ON COMMIT DROP AS SELECT 1 AS id", migration);
            await ScalarAsync(connection, "CREATE TABLE later_feature (id INT PRIMARY KEY)", migration);
            await migration.CommitAsync();
        }

        await using var check = await database.OpenAsync();
        Assert.Equal("chat_owner", await ScalarAsync(check, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'later_feature'"));
        Assert.Equal("t t t t f f", await ScalarAsync(check,
            "SELECT concat_ws(' ', " + string.Join(", ", new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES" }
                .Select(p => $"has_table_privilege('chat_silo', 'later_feature', '{p}')::text::char")) + ")"));
        Assert.Equal("f", await ScalarAsync(check, "SELECT has_table_privilege('chat_web', 'later_feature', 'SELECT')::text::char"));
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
