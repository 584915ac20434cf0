using System.Data.Common;
using OrleansChat.Contracts;
using OrleansChat.Grains.Members;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Rooms;

namespace OrleansChat.Storage.Tests.Rooms;

/// <summary>
/// A deployment upgraded to membership rows keeps every member: the migration moves the members, read cursors and
/// access revision that rooms kept in their JSON state (Orleans' rows on PostgreSQL, grain_state on SQLite).
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class MembersMigrationTests(StorageEngines engines)
{
    private const string LegacyState = """
        {"created":true,"name":"Before rows","kind":"Group","visibility":"Private","createdAt":"2023-11-14T22:13:20+00:00",
         "siteId":"","visitorId":"","accessRevision":7,
         "members":{"alice":{"displayName":"Alice","role":"Owner","readSeq":0,"joinedAt":"2023-11-14T22:13:20+00:00"},
                    "bob":{"displayName":"Bob","role":"Member","readSeq":2,"joinedAt":"2023-11-14T22:13:20.5+00:00"}}}
        """;

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Members_read_cursors_and_access_revision_kept_in_room_state_become_rows(string engine)
    {
        var database = await engines.CreateEmptyAsync(engine);
        var members = SchemaMigrator.Migrations(engine).Single(m => m.Version.EndsWith("_members", StringComparison.Ordinal));
        await ApplyMigrationsBeforeAsync(database, engine, members.Version);
        await ExecuteAsync(database, engine == StorageEngines.Postgres
            ? "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, version) " +
              "VALUES (1, 0, 0, 2, 'room', 'legacy-room', 'chat', convert_to(@state, 'UTF8'), 3)"
            : "INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at_ms) VALUES ('room', 'room/legacy-room', 3, @state, 0)");
        await ExecuteAsync(database, "INSERT INTO messages (room_id, seq, message_id, client_message_id, sender_id, sender_name, kind, text, sent_at_ms) " +
            "VALUES ('legacy-room', 1, 'm1', 'c1', 'alice', 'Alice', 'text', 'one', 0), ('legacy-room', 2, 'm2', 'c2', 'alice', 'Alice', 'text', 'two', 0), " +
            "('legacy-room', 3, 'm3', 'c3', 'alice', 'Alice', 'text', 'three', 0)");

        await new SchemaMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        var directory = new SqlRoomDirectory(database);
        var room = await directory.ReadAsync("legacy-room");
        var joinedAt = DateTimeOffset.Parse("2023-11-14T22:13:20+00:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [new MemberRecord("alice", "Alice", MemberRole.Owner, 0, joinedAt), new MemberRecord("bob", "Bob", MemberRole.Member, 2, joinedAt.AddMilliseconds(500))],
            room.Members.OrderBy(m => m.UserId));
        Assert.Equal(7, room.AccessRevision);
        var listed = (await directory.ListRoomsAsync("bob")).Single();
        Assert.Equal(("legacy-room", "Before rows", RoomKind.Group, RoomVisibility.Private, joinedAt, 3L, 1L),
            (listed.RoomId, listed.Name, listed.Kind, listed.Visibility, listed.CreatedAt, listed.LastSeq, listed.UnreadCount!.Value));
    }

    [Fact]
    public async Task Orleans_grain_state_versions_on_PostgreSQL_go_past_2_to_the_31()
    {
        var database = await engines.CreateMigratedAsync(StorageEngines.Postgres);

        await ExecuteAsync(database,
            "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, version) " +
            "VALUES (1, 0, 0, 2, 'room', 'busy-room', 'chat', 3000000000)");

        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM orleansstorage WHERE grainidextensionstring = 'busy-room'";
        Assert.Equal(3_000_000_000L, await command.ExecuteScalarAsync());
    }

    private static async Task ApplyMigrationsBeforeAsync(IChatDatabase database, string engine, string version)
    {
        await ExecuteAsync(database, "CREATE TABLE schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
        foreach (var (earlier, sql) in SchemaMigrator.Migrations(engine).Where(m => string.CompareOrdinal(m.Version, version) < 0))
        {
            await ExecuteAsync(database, sql);
            await ExecuteAsync(database, $"INSERT INTO schema_migrations (version, applied_at_ms) VALUES ('{earlier}', 0)");
        }
    }

    private static Task ExecuteAsync(IChatDatabase database, string sql) =>
        database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            // Only where used: a command with parameters has its text parsed for them, migrations included.
            if (sql.Contains("@state", StringComparison.Ordinal))
            {
                var state = command.CreateParameter();
                state.ParameterName = "@state";
                state.Value = LegacyState;
                command.Parameters.Add(state);
            }
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
}
