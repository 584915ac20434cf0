using System.Net.Http.Headers;
using System.Net;
using System.Net.Http.Json;
using OrleansChat.Bench.Load.Clients;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// OrleansChat as real processes in a throwaway place: embedded as a user runs it by default (one silo with its
/// SQLite file, one web node), or in cluster mode (a throwaway PostgreSQL, one silo, several web nodes that share
/// the connections). Users sign in with the development login.
/// </summary>
public sealed class ChatSystem : ISystemUnderTest
{
    private readonly BuiltProcess _silo;
    private readonly IReadOnlyList<BuiltProcess> _webNodes;
    private readonly Func<ValueTask> _cleanUp;

    private ChatSystem(string name, BuiltProcess silo, IReadOnlyList<BuiltProcess> webNodes, Func<ValueTask> cleanUp)
    {
        Name = name;
        _silo = silo;
        _webNodes = webNodes;
        _cleanUp = cleanUp;
    }

    public string Name { get; }

    public Uri BaseAddress => _webNodes[0].BaseAddress;

    public ClientKind Client => ClientKind.WebSockets;

    public IReadOnlyList<int> ProcessIds => [_silo.ProcessId, .. _webNodes.Select(w => w.ProcessId)];

    /// <summary>Connections take the web nodes in turn.</summary>
    public Uri AddressOf(int connection) => _webNodes[connection % _webNodes.Count].BaseAddress;

    /// <summary>The embedded store (SQLite); <paramref name="sharedSettings"/> go to the silo and the web node alike.</summary>
    public static async Task<ChatSystem> StartEmbeddedAsync(string logDirectory, IReadOnlyDictionary<string, string>? webSettings = null,
        IReadOnlyDictionary<string, string>? sharedSettings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleanschat-bench-").FullName;
        return await StartAsync("OrleansChat", logDirectory, webNodes: 1, new Dictionary<string, string>(sharedSettings ?? new Dictionary<string, string>())
        {
            ["Chat:Storage"] = "Sqlite",
            ["Chat:DataDirectory"] = dataDirectory,
        }, webSettings, () =>
        {
            Directory.Delete(dataDirectory, recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Cluster mode on a throwaway PostgreSQL that flushes every commit, as in production.</summary>
    public static async Task<ChatSystem> StartClusterAsync(string logDirectory, int webNodes)
    {
        var postgres = await PostgresServer.StartAsync(fsync: true);
        var connectionString = await postgres.CreateDatabaseAsync();
        // The file store: one folder that every web node shares, as a cluster's must be.
        var filesDirectory = Directory.CreateTempSubdirectory("orleanschat-bench-files-").FullName;
        return await StartAsync($"OrleansChat, cluster mode, {webNodes} web node{(webNodes == 1 ? "" : "s")}", logDirectory, webNodes, new Dictionary<string, string>
        {
            ["Chat:Storage"] = "Postgres",
            ["ConnectionStrings:chatdb"] = connectionString,
            ["Chat:Silo:AdvertisedHost"] = "127.0.0.1",
            ["Chat:Files:Store"] = "folder",
            ["Chat:Files:Directory"] = filesDirectory,
        }, webSettings: null, async () =>
        {
            await postgres.DisposeAsync();
            Directory.Delete(filesDirectory, recursive: true);
        });
    }

    private static async Task<ChatSystem> StartAsync(string name, string logDirectory, int webNodes, Dictionary<string, string> storage,
        IReadOnlyDictionary<string, string>? webSettings, Func<ValueTask> cleanUp)
    {
        var shared = new Dictionary<string, string>(storage)
        {
            ["Chat:ClusterId"] = $"bench-{Guid.NewGuid():N}"[..16],
            ["Chat:Silo:GatewayPort"] = FreePort.Next().ToString(),
        };
        var silo = BuiltProjects.Start("chat-silo", "OrleansChat.Silo", new Dictionary<string, string>(shared)
        {
            ["Chat:Silo:Port"] = FreePort.Next().ToString(),
        }, logDirectory);
        var web = Enumerable.Range(0, webNodes).Select(i => BuiltProjects.Start($"chat-web-{i}", "OrleansChat.Web", new Dictionary<string, string>(shared)
        {
            ["Chat:Auth:SigningKey"] = "benchmark-signing-key-0123456789abcdef",
            ["Chat:Auth:DevLogin"] = "true",
            // One load generator stands for thousands of clients: its address and its run-long connections are not abuse.
            ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "1000000",
            ["Chat:Auth:TokenLifetime"] = "04:00:00",
        }.Concat(webSettings ?? new Dictionary<string, string>()).ToDictionary(), logDirectory)).ToArray();
        await silo.StartAsync();
        foreach (var node in web) await node.StartAsync();
        return new ChatSystem(name, silo, web, cleanUp);
    }

    /// <summary>The silo's resident memory after a full GC.</summary>
    public Task<long> SiloBytesAfterGcAsync() => _silo.ResidentBytesAfterGcAsync();

    public async Task<long> ConnectionHolderBytesAsync()
    {
        long total = 0;
        foreach (var node in _webNodes) total += await node.ResidentBytesAfterGcAsync();
        return total;
    }

    public async Task<string?> SignInAsync(HttpClient http, string userId)
    {
        using var response = await http.PostAsJsonAsync(new Uri(BaseAddress, "/api/auth/token"), new { userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public async Task CreateRoomAsync(HttpClient http, string? ownerToken, string roomId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/api/rooms"))
        {
            Content = JsonContent.Create(new { roomId, name = roomId, visibility = "public" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ownerToken);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _webNodes) await node.DisposeAsync();
        await _silo.DisposeAsync();
        await _cleanUp();
    }

    private sealed record TokenResponse(string AccessToken);
}
