using Orleans.TestingHost;
using OrleansChat.Contracts;
using OrleansChat.Silo;
using OrleansChat.Storage.Sqlite;
using OrleansChat.Testing.Faults;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// A one-silo test cluster built with the production silo wiring, storing into a SQLite file in a temporary
/// directory, or as <see cref="With"/> settings say (PostgreSQL). The message window is kept small so that tests
/// reach the database as well as memory.
/// </summary>
public sealed class ChatClusterFixture : IAsyncLifetime
{
    public const int WindowSize = 8;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("orleanschat-grains-").FullName;
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    public static ChatClusterFixture With(IReadOnlyDictionary<string, string> settings) => new() { _settings = settings };

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The SQLite file the silo stores into (when not told to use PostgreSQL).</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, SqliteDatabase.FileName);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties["Chat:DataDirectory"] = _dataDirectory;
        builder.Properties["Chat:Rooms:WindowSize"] = WindowSize.ToString();
        foreach (var (key, value) in _settings) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<ChatSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Creates a group room owned by <paramref name="owner"/> with the given members.</summary>
    public async Task<IRoomGrain> CreateRoomAsync(ChatUser owner, RoomVisibility visibility, params ChatUser[] members)
    {
        var room = Grains.GetGrain<IRoomGrain>($"room-{Guid.NewGuid():N}");
        await room.CreateGroup(owner, new NewRoom("Test room", visibility));
        foreach (var member in members) await room.AddMember(owner, member);
        return room;
    }

    public static ChatUser User(string name) => new($"{name}-{Guid.NewGuid():N}"[..20], name, UserRole.Member);

    /// <summary>The production wiring, with stores able to fail as tests plan.</summary>
    private sealed class ChatSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddChatGrains(siloBuilder.Configuration).AddPlannedFaults(siloBuilder.Configuration);
    }
}

[CollectionDefinition(Name)]
public sealed class ChatClusterCollection : ICollectionFixture<ChatClusterFixture>
{
    public const string Name = "chat cluster";
}
