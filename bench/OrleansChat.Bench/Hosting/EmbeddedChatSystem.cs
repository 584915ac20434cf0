using System.Net.Http.Headers;
using System.Net;
using System.Net.Http.Json;
using OrleansChat.Bench.Load;
using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// OrleansChat as a user runs it by default: one silo with its SQLite file, one web node, each its own process,
/// in a throwaway data directory. Users sign in with the development login.
/// </summary>
public sealed class EmbeddedChatSystem : ISystemUnderTest
{
    private readonly BuiltProcess _silo;
    private readonly BuiltProcess _web;
    private readonly string _dataDirectory;

    private EmbeddedChatSystem(BuiltProcess silo, BuiltProcess web, string dataDirectory)
    {
        _silo = silo;
        _web = web;
        _dataDirectory = dataDirectory;
    }

    public string Name => "OrleansChat";

    public Uri BaseAddress => _web.BaseAddress;

    public ClientKind Client => ClientKind.WebSockets;

    public IReadOnlyList<int> ProcessIds => [_silo.ProcessId, _web.ProcessId];

    public static async Task<EmbeddedChatSystem> StartAsync(string logDirectory, IReadOnlyDictionary<string, string>? webSettings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleanschat-bench-").FullName;
        var shared = new Dictionary<string, string>
        {
            ["Chat:Storage"] = "Sqlite",
            ["Chat:DataDirectory"] = dataDirectory,
            ["Chat:ClusterId"] = $"bench-{Guid.NewGuid():N}"[..16],
            ["Chat:Silo:GatewayPort"] = FreePort.Next().ToString(),
        };
        var silo = BuiltProjects.Start("embedded-silo", "OrleansChat.Silo", new Dictionary<string, string>(shared)
        {
            ["Chat:Silo:Port"] = FreePort.Next().ToString(),
        }, logDirectory);
        var web = BuiltProjects.Start("embedded-web", "OrleansChat.Web", new Dictionary<string, string>(shared)
        {
            ["Chat:Auth:SigningKey"] = "benchmark-signing-key-0123456789abcdef",
            ["Chat:Auth:DevLogin"] = "true",
            // One load generator stands for thousands of clients: its address and its run-long connections are not abuse.
            ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "1000000",
            ["Chat:Auth:TokenLifetime"] = "04:00:00",
        }.Concat(webSettings ?? new Dictionary<string, string>()).ToDictionary(), logDirectory);
        await silo.StartAsync();
        await web.StartAsync();
        return new EmbeddedChatSystem(silo, web, dataDirectory);
    }

    public Task<long> ConnectionHolderBytesAsync() => _web.ResidentBytesAfterGcAsync();

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
        await _web.DisposeAsync();
        await _silo.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private sealed record TokenResponse(string AccessToken);
}
