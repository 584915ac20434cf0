using Npgsql;
using OrleansChat.Client;
using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// The database roles as docker-compose uses them: the migrate step makes them (<c>0004_roles.sql</c>) and gives them
/// their passwords; silos and web nodes then connect as <c>chat_silo</c> and <c>chat_web</c>, on a server that checks
/// passwords, and may change rows but never the schema or the statements Orleans runs.
/// </summary>
[Collection(DatabaseClusters.Name)]
public sealed class DatabaseRoleTests
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task Silos_and_web_nodes_store_and_read_as_their_own_roles_which_own_nothing()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        await cluster.Silo("silo").StartAsync();
        var web = cluster.Web("web");
        await web.StartAsync();

        var tokens = await TokenRenewal.DevLoginAsync(web.BaseAddress, "alice");
        await using var alice = new ChatConnection(new ChatClientOptions { BaseAddress = web.BaseAddress, AccessToken = tokens.NextAsync });
        var room = await alice.Api.CreateRoomAsync("roles", visibility: "private");
        await alice.StartAsync();
        await alice.JoinRoomAsync(room.RoomId);
        await alice.SendAsync(room.RoomId, "stored by chat_silo");

        Assert.Equal(["stored by chat_silo"], (await alice.Api.GetMessagesAsync(room.RoomId, after: 0)).Messages.Select(m => m.Text));
        await using var admin = await DatabaseQueries.OpenAsync(cluster.AdminConnectionString);
        Assert.Equal([DatabaseRoles.Silo, DatabaseRoles.Web], await admin.QueryAsync(
            "SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' " +
            "AND pid <> pg_backend_pid() ORDER BY 1"));
        // Each pool names its process and itself.
        Assert.All(await admin.QueryAsync("SELECT DISTINCT application_name FROM pg_stat_activity WHERE usename = 'chat_silo'"),
            name => Assert.Matches("^OrleansChat.Silo .* (chat|orleans)$", name));
        Assert.Equal([DatabaseRoles.Owner], await admin.QueryAsync("SELECT DISTINCT tableowner::text FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Equal(["chat_owner f f", "chat_silo t f", "chat_web t f"], await admin.QueryAsync(
            "SELECT rolname || ' ' || rolcanlogin::text::char || ' ' || (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)::text::char " +
            "FROM pg_roles WHERE rolname LIKE 'chat\\_%' ORDER BY 1"));
    }

    [Fact]
    public async Task The_silo_role_changes_rows_but_neither_the_schema_nor_the_statements_Orleans_runs()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        await using var silo = await DatabaseQueries.OpenAsync(cluster.SiloConnectionString);

        await silo.ExecuteAsync("INSERT INTO messages VALUES ('room', 1, 'm1', 'c1', 'alice', 'Alice', 'text', 'hello', 0)");
        await silo.ExecuteAsync("UPDATE messages SET text = 'edited' WHERE room_id = 'room'");
        Assert.Equal(["0001_chat"], await silo.QueryAsync("SELECT version FROM schema_migrations WHERE version = '0001_chat'"));
        foreach (var sql in new[]
        {
            "CREATE TABLE extra (id INT)",
            "ALTER TABLE messages ADD COLUMN extra INT",
            "DROP TABLE messages",
            "TRUNCATE messages",
            "CREATE INDEX messages_text ON messages (text)",
            "UPDATE orleansquery SET querytext = 'SELECT 1'",
            "INSERT INTO orleansquery VALUES ('Extra', 'SELECT 1')",
            "DELETE FROM schema_migrations",
        })
        {
            Assert.Equal(InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => silo.ExecuteAsync(sql))).SqlState);
        }
    }

    [Fact]
    public async Task The_web_role_reads_where_the_gateways_are_and_nothing_else()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        await using var web = await DatabaseQueries.OpenAsync(cluster.WebConnectionString);

        await web.ExecuteAsync("SELECT querytext FROM orleansquery WHERE querykey = 'GatewaysQueryKey'");
        await web.ExecuteAsync("SELECT address FROM orleansmembershiptable");
        foreach (var sql in new[]
        {
            "SELECT text FROM messages",
            "SELECT payloadbinary FROM orleansstorage",
            "DELETE FROM orleansmembershiptable",
            "UPDATE orleansquery SET querytext = 'SELECT 1'",
            "CREATE TABLE extra (id INT)",
        })
        {
            Assert.Equal(InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => web.ExecuteAsync(sql))).SqlState);
        }
    }
}
