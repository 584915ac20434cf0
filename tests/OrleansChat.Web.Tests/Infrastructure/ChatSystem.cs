using System.Net.Http.Json;
using System.Text.Json;
namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>A silo and web nodes sharing one temporary data directory: the embedded system, in-process, on loopback.</summary>
public sealed class ChatSystem : IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("orleanschat-web-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly List<TestWebNode> _nodes = [];

    private ChatSystem(Dictionary<string, string?> settings)
    {
        _settings = settings;
        Silo = new TestSilo(_dataDirectory, settings);
    }

    public TestSilo Silo { get; }

    /// <summary>Where the web nodes' folder store keeps uploaded files.</summary>
    public string FilesDirectory => Path.Combine(_dataDirectory, "files");

    /// <summary>The embedded database file the silo keeps.</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, OrleansChat.Storage.Sqlite.SqliteDatabase.FileName);

    public static async Task<ChatSystem> StartAsync(int webNodes = 1, Dictionary<string, string?>? settings = null)
    {
        var system = new ChatSystem(settings ?? []);
        await system.Silo.StartAsync();
        for (var i = 0; i < webNodes; i++) system.AddWebNode();
        return system;
    }

    public IReadOnlyList<TestWebNode> Nodes => _nodes;

    public TestWebNode Web => _nodes[0];

    /// <summary>A web node with the system's settings, then <paramref name="settings"/>; its logs into <paramref name="logs"/> if given.</summary>
    public TestWebNode AddWebNode(IReadOnlyDictionary<string, string?>? settings = null, CapturedLogs? logs = null)
    {
        var nodeSettings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) nodeSettings[key] = value;
        var node = new TestWebNode(_dataDirectory, Silo.GatewayPort, nodeSettings, logs: logs);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops a web node and starts a new one on its port, as a restarted process would be.</summary>
    public async Task RestartWebNodeAsync(int index)
    {
        await StopWebNodeAsync(index);
        StartWebNode(index);
    }

    /// <summary>Stops a web node, leaving its port closed until <see cref="StartWebNode"/>: its clients meet a node that is down.</summary>
    public async Task StopWebNodeAsync(int index)
    {
        try
        {
            await _nodes[index].DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Its graceful stop ran out of time (clients that keep reconnecting, on a busy machine): the node is down
            // all the same, its port closed, which is all a test that stops it asks for.
        }
    }

    /// <summary>Starts a web node stopped by <see cref="StopWebNodeAsync"/> again, on its port.</summary>
    public void StartWebNode(int index) =>
        _nodes[index] = new TestWebNode(_dataDirectory, Silo.GatewayPort, _settings, _nodes[index].BaseAddress.Port);

    public Task<ChatTestClient> SignInAsync(string name, TestWebNode? node = null) =>
        ChatTestClient.SignInAsync(node ?? Web, $"{name}-{Guid.NewGuid():N}"[..24], name);

    /// <summary>A visitor's session of a site (<c>POST /api/widget/sessions</c>), as a page of <paramref name="origin"/> opens it.</summary>
    public async Task<JsonElement> OpenVisitorSessionAsync(string siteId, string origin)
    {
        using var anonymous = Web.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/sessions") { Content = JsonContent.Create(new { siteId }) };
        request.Headers.Add("Origin", origin);
        using var response = await anonymous.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json);
    }

    /// <summary>Alice owns a private room with Bob in it, and both are connected and joined.</summary>
    public async Task<RoomPair> RoomPairAsync(string roomName)
    {
        var alice = await SignInAsync("alice");
        var bob = await SignInAsync("bob");
        var room = await alice.CreateRoomAsync(roomName);
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var aliceLive = await alice.ConnectAsync();
        var bobLive = await bob.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);
        await bobLive.JoinRoomAsync(room.RoomId);
        return new RoomPair(room, alice, bob, aliceLive, bobLive);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await Silo.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

/// <summary>Two members of a room, both live in it.</summary>
public sealed record RoomPair(
    OrleansChat.Contracts.Room Room,
    ChatTestClient Alice,
    ChatTestClient Bob,
    ChatTestClient.LiveConnection AliceLive,
    ChatTestClient.LiveConnection BobLive) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Alice.DisposeAsync();
        await Bob.DisposeAsync();
    }
}

/// <summary>One embedded system shared by a test class.</summary>
public sealed class ChatSystemFixture : IAsyncLifetime
{
    public ChatSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Rooms:TypingTimeout"] = "00:00:02",
    });

    public async Task DisposeAsync() => await System.DisposeAsync();
}
