using Npgsql;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests;

/// <summary>
/// On PostgreSQL a batch's statements keep their text whatever the batch's size, so that Npgsql's auto-prepare
/// prepares each of them once per connection instead of once per size (or never).
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class PreparedBatchTests(StorageEngines engines)
{
    [Fact]
    public async Task Appends_of_every_batch_size_share_one_prepared_insert_and_one_prepared_lookup()
    {
        var migrated = (PostgresDatabase)await engines.CreateMigratedAsync(StorageEngines.Postgres);
        // One write lane, on one connection whose prepared statements are all of them; prepared from the second use on.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(migrated.DataSource.ConnectionString)
        {
            MaxAutoPrepare = 16,
            AutoPrepareMinUsages = 2,
        }.ConnectionString);
        await using var database = new PostgresDatabase(dataSource, writeLanes: 1);
        var log = new SqlMessageLog(database);

        long lastSeq = 0;
        foreach (var size in new[] { 1, 3, 2, 5, 4 })
        {
            var outcomes = await log.AppendAsync("room", lastSeq, [.. Enumerable.Range(0, size).Select(_ => Draft())]);
            lastSeq = outcomes[^1].Message.Seq;
        }

        Assert.Equal(15, (await log.ReadRangeAsync("room", 1, 100)).Count);
        // A write runs on the lane's connection: the one that prepared the appends' statements.
        var counts = await database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            await using var prepared = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE statement LIKE 'INSERT INTO messages%'), count(*) FILTER (WHERE statement LIKE '%client_message_id = wanted.key%') " +
                "FROM pg_prepared_statements", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
            await using var reader = await prepared.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1));
        });
        Assert.Equal((1L, 1L), counts);
    }

    private static MessageDraft Draft() =>
        new($"m-{Guid.NewGuid():N}", Guid.NewGuid().ToString("N"), "alice", "Alice", MessageKind.Text, "text", DateTimeOffset.UnixEpoch);
}
