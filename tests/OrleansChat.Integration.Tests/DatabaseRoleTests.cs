using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OrleansChat.Integration.Tests.Infrastructure;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// The cluster's database role as docker-compose sets it up (<c>deploy/postgres/chat-app-role.sh</c>): silos migrate
/// and store, and web nodes find gateways, as <c>chat_app</c>, which is no superuser and owns only the chat's schema.
/// </summary>
public sealed class DatabaseRoleTests
{
    [Fact]
    public async Task Silos_and_web_nodes_migrate_store_and_read_as_the_app_role_which_is_no_superuser()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        await cluster.Silo("silo").StartAsync();
        var web = cluster.Web("web");
        await web.StartAsync();

        using var alice = await SignInAsync(web.BaseAddress, "alice");
        var roomId = await CreateRoomAsync(alice);
        await SendAsync(alice, roomId, "stored by chat_app");

        Assert.Equal(["stored by chat_app"], await HistoryAsync(alice, roomId));
        await using var admin = await OpenAsync(cluster.AdminConnectionString);
        Assert.Equal(new RoleAttributes(Superuser: false, CreateRole: false, CreateDatabase: false, HasPassword: true), await AppRoleAsync(admin));
        Assert.Equal([AppDatabaseRole.Name], await admin.QueryAsync(
            "SELECT DISTINCT usename::text FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"));
        Assert.Equal([AppDatabaseRole.Name], await TableOwnersAsync(admin));
        Assert.Contains("orleansstorage", await admin.QueryAsync("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task A_database_the_superuser_migrated_is_handed_to_the_app_role_and_the_next_cluster_carries_on_as_it()
    {
        await using var cluster = await ClusterHarness.StartPostgresWithoutAppRoleAsync();
        var oldSilo = cluster.Silo("old-silo");
        var oldWeb = cluster.Web("old-web");
        await oldSilo.StartAsync();
        await oldWeb.StartAsync();
        string roomId;
        using (var alice = await SignInAsync(oldWeb.BaseAddress, "alice"))
        {
            roomId = await CreateRoomAsync(alice);
            await SendAsync(alice, roomId, "stored by postgres");
        }
        await oldWeb.StopAsync();
        await oldSilo.StopAsync();

        // What docs/deploy.md tells the operator of such a deployment: the role script once, then the app as the role.
        await cluster.CreateAppRoleAsync();
        await cluster.Silo("new-silo").StartAsync();
        var newWeb = cluster.Web("new-web");
        await newWeb.StartAsync();
        using (var alice = await SignInAsync(newWeb.BaseAddress, "alice"))
        {
            await SendAsync(alice, roomId, "stored by chat_app");
            Assert.Equal(["stored by postgres", "stored by chat_app"], await HistoryAsync(alice, roomId));
        }
        await using var admin = await OpenAsync(cluster.AdminConnectionString);
        Assert.Equal([AppDatabaseRole.Name], await TableOwnersAsync(admin));
    }

    private sealed record RoleAttributes(bool Superuser, bool CreateRole, bool CreateDatabase, bool HasPassword);

    private static async Task<RoleAttributes> AppRoleAsync(NpgsqlConnection admin)
    {
        await using var command = new NpgsqlCommand(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolpassword IS NOT NULL FROM pg_authid WHERE rolname = @name", admin);
        command.Parameters.AddWithValue("name", AppDatabaseRole.Name);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No role {AppDatabaseRole.Name}.");
        return new RoleAttributes(reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    private static Task<List<string>> TableOwnersAsync(NpgsqlConnection admin) =>
        admin.QueryAsync("SELECT DISTINCT tableowner::text FROM pg_tables WHERE schemaname = 'public'");

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<HttpClient> SignInAsync(Uri node, string userId)
    {
        var http = new HttpClient { BaseAddress = node };
        var login = await http.PostAsJsonAsync("/api/auth/token", new { userId });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<string> CreateRoomAsync(HttpClient http)
    {
        var created = await http.PostAsJsonAsync("/api/rooms", new { name = "roles", visibility = "private" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roomId").GetString()!;
    }

    private static async Task SendAsync(HttpClient http, string roomId, string text) =>
        (await http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text })).EnsureSuccessStatusCode();

    private static async Task<string[]> HistoryAsync(HttpClient http, string roomId)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/rooms/{roomId}/messages?after=0");
        return [.. page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];
    }
}
