using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Testing;

namespace OrleansChat.Storage.Tests.Messages;

/// <summary>
/// <c>deploy/postgres/partition-messages.sql</c>, run with the real psql as docs/operations.md says (silos stopped,
/// as the admin), on a database migrated and written to by the message log: afterwards the silos, as
/// <c>chat_silo</c>, find the log as it was and go on with it.
/// </summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class MessagePartitioningTests(StorageEngines engines)
{
    private const int Partitions = 4;
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
    private static readonly string[] Rooms = Enumerable.Range(1, 12).Select(i => $"room-{i}").ToArray();

    [Fact]
    public async Task Partitioned_by_room_the_log_keeps_every_message_numbers_on_finds_a_retried_id_once_and_the_silos_keep_their_privileges()
    {
        var (admin, url) = await CreateMigratedAsync();
        var before = new SqlMessageLog(admin);
        var written = new Dictionary<string, ChatMessage[]>();
        foreach (var room in Rooms)
        {
            written[room] = (await before.AppendAsync(room, 0, [Draft("c1"), Draft("c2"), Draft("c3")])).Select(o => o.Message).ToArray();
        }
        // Beside the migrations' grants, one an operator made: a reporting role that reads the messages.
        var reporting = $"reporting_{Guid.NewGuid():N}";
        await ScalarAsync(admin, $"CREATE ROLE {reporting} NOLOGIN; GRANT SELECT ON messages TO {reporting}");
        var privilegesBefore = await ScalarAsync(admin, PrivilegesOf("messages"));
        Assert.Contains($"{reporting}=SELECT", privilegesBefore);

        await RunScriptAsync(url);

        // The silos start again, as the role they connect as in production.
        var after = new SqlMessageLog(await OpenAsSiloAsync(admin));
        Assert.Equal($"HASH (room_id) {Partitions}", await ScalarAsync(admin,
            "SELECT pg_get_partkeydef(p.partrelid) || ' ' || (SELECT count(*) FROM pg_inherits WHERE inhparent = p.partrelid) " +
            "FROM pg_partitioned_table p WHERE p.partrelid = 'messages'::regclass"));
        Assert.NotEqual("1", await ScalarAsync(admin, "SELECT count(DISTINCT tableoid) FROM messages"));
        Assert.Equal((Rooms.Length * 3).ToString(), await ScalarAsync(admin, "SELECT count(*) FROM messages"));
        foreach (var room in Rooms)
        {
            Assert.Equal(3, await after.GetLastSeqAsync(room));
            Assert.Equal(written[room], await after.ReadRangeAsync(room, 1, 3));
        }

        var room1 = Rooms[0];
        var appended = await after.AppendAsync(room1, 3, [Draft("c4"), Draft("c2", "retried")]);
        Assert.Equal((4L, false), (appended[0].Message.Seq, appended[0].Duplicate));
        Assert.Equal(new AppendOutcome(written[room1][1], Duplicate: true), appended[1]);
        Assert.Equal(["c2", "c3", "c4"], (await after.ReadRangeAsync(room1, 2, 4)).Select(m => m.ClientMessageId));
        Assert.Equal([written[Rooms[1]][2]], await after.ReadRangeAsync(Rooms[1], 3, 10));
        // The log looks a retried id up before it inserts; the unique key is what holds when two appends race.
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(admin,
            "INSERT INTO messages SELECT room_id, 5, 'another', client_message_id, sender_id, sender_name, kind, text, sent_at_ms " +
            $"FROM messages WHERE room_id = '{room1}' AND seq = 2"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        var partitions = (await ScalarAsync(admin,
            "SELECT string_agg(inhrelid::regclass::text, ' ' ORDER BY inhrelid::regclass::text) FROM pg_inherits WHERE inhparent = 'messages'::regclass"))!.Split(' ');
        Assert.Equal(Enumerable.Range(0, Partitions).Select(r => $"messages_p{r}"), partitions);
        foreach (var table in partitions.Prepend("messages"))
        {
            Assert.Equal("chat_owner", await ScalarAsync(admin, $"SELECT relowner::regrole::text FROM pg_class WHERE oid = '{table}'::regclass"));
            Assert.Equal(privilegesBefore, await ScalarAsync(admin, PrivilegesOf(table)));
        }
        Assert.Equal("t t t t f f", await ScalarAsync(admin,
            "SELECT concat_ws(' ', " + string.Join(", ", new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES" }
                .Select(p => $"has_table_privilege('chat_silo', 'messages', '{p}')::text::char")) + ")"));
        Assert.Equal("f", await ScalarAsync(admin, "SELECT has_table_privilege('chat_web', 'messages', 'SELECT')::text::char"));
    }

    [Fact]
    public async Task With_a_silo_connected_the_script_refuses_and_leaves_the_table_as_it_was()
    {
        var (admin, url) = await CreateMigratedAsync();
        await new SqlMessageLog(admin).AppendAsync(Rooms[0], 0, [Draft("c1")]);
        var silo = await OpenAsSiloAsync(admin);
        await using var connected = await silo.OpenAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RunScriptAsync(url));

        Assert.Contains("chat_silo is connected to this database: stop every silo first", refused.Message);
        Assert.Equal("r 1", await ScalarAsync(admin,
            "SELECT (SELECT relkind::text FROM pg_class WHERE oid = 'messages'::regclass) || ' ' || (SELECT count(*) FROM messages)"));
    }

    [Fact]
    public async Task On_a_partitioned_table_the_script_refuses_and_changes_nothing()
    {
        var (admin, url) = await CreateMigratedAsync();
        await new SqlMessageLog(admin).AppendAsync(Rooms[0], 0, [Draft("c1")]);
        await RunScriptAsync(url);

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => RunScriptAsync(url));

        Assert.Contains($"messages is partitioned already ({Partitions} partitions): nothing to do", again.Message);
        Assert.Equal($"{Partitions} 1", await ScalarAsync(admin,
            "SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = 'messages'::regclass) || ' ' || (SELECT count(*) FROM messages)"));
    }

    /// <summary>A migrated database as its admin, and its libpq URI for psql.</summary>
    private async Task<(PostgresDatabase Admin, string Url)> CreateMigratedAsync()
    {
        var connectionString = await engines.PostgresServer.CreateDatabaseAsync();
        var admin = engines.OpenPostgres(connectionString);
        await new SchemaMigrator(admin, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return (admin, $"postgresql://postgres@127.0.0.1:{engines.PostgresServer.Port}/{name}");
    }

    /// <summary>The database as a silo connects to it: <c>chat_silo</c> with the password the migrate step gave it.</summary>
    private async Task<PostgresDatabase> OpenAsSiloAsync(PostgresDatabase admin)
    {
        const string password = "silo-secret";
        await new RoleLogins(admin.DataSource, NullLogger<RoleLogins>.Instance)
            .SetPasswordsAsync(new Dictionary<string, string?> { [RoleLogins.SiloRole] = password });
        return engines.OpenPostgres(new NpgsqlConnectionStringBuilder(admin.DataSource.ConnectionString)
        {
            Username = RoleLogins.SiloRole,
            Password = password,
        }.ConnectionString);
    }

    private Task RunScriptAsync(string url) => ExternalProcess.RunAsync(
        Path.Combine(engines.PostgresServer.BinDirectory, "psql"),
        ["--no-psqlrc", $"--dbname={url}", "-v", $"partitions={Partitions}", "-f", Path.Combine(RepositoryRoot(), "deploy", "postgres", "partition-messages.sql")],
        timeout: TimeSpan.FromMinutes(2));

    /// <summary>Who may do what on the table, one grantee and privilege a word, in order.</summary>
    private static string PrivilegesOf(string table) =>
        "SELECT string_agg(g, ' ' ORDER BY g) FROM (SELECT a.grantee::regrole::text || '=' || a.privilege_type || " +
        $"CASE WHEN a.is_grantable THEN '*' ELSE '' END AS g FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = '{table}'::regclass) s";

    private static MessageDraft Draft(string clientMessageId, string? text = null) =>
        new($"m-{Guid.NewGuid():N}", clientMessageId, "alice", "Alice", MessageKind.Text, text ?? $"text of {clientMessageId}", SentAt);

    private static async Task<string?> ScalarAsync(IChatDatabase database, string sql)
    {
        await using DbConnection connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OrleansChat.sln not found above the build output.");
    }
}
