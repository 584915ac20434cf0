using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Load;

/// <summary>
/// The load's clients: one user per connection, each of the same kind (a WebSocket by default), joined to its room
/// and counting what it receives into the current step's counters.
/// </summary>
public sealed class ChatLoad(ISystemUnderTest system, LoadShape shape, ClientKind kind) : IAsyncDisposable
{
    private const int Parallelism = 32;
    private const int ClosedAtOnce = 512;

    /// <summary>A user's first sign-in stores their profile: more at once share the store's group commits.</summary>
    private const int SignedInAtOnce = 128;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private readonly StepCounters?[] _steps = new StepCounters?[256];
    private string?[] _tokens = [];
    private ILoadClient?[] _connections = [];
    private int _closed;

    public LoadShape Shape => shape;

    public ClientKind Kind => kind;

    /// <summary>HTTP requests, and joins and sends that a retry carried.</summary>
    public ClientTraffic Traffic { get; } = new();

    /// <summary>Connections that the server closed, or that failed, since they opened.</summary>
    public int Closed => Volatile.Read(ref _closed);

    public ILoadClient? Connection(int index) => _connections[index];

    /// <summary>The users' tokens once signed in, one per connection.</summary>
    public IReadOnlyList<string?> Tokens => _tokens;

    /// <summary>
    /// Signs every user in and creates the rooms (their first members own them), unless a load of the same shape on the
    /// same system did both already and hands over its <paramref name="signedIn"/> tokens.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<string?>? signedIn = null)
    {
        if (signedIn is not null)
        {
            _tokens = [.. signedIn];
            return;
        }
        _tokens = new string?[shape.Connections];
        await Parallel.ForAsync(0, shape.Connections, new ParallelOptions { MaxDegreeOfParallelism = SignedInAtOnce },
            async (i, _) => _tokens[i] = await system.SignInAsync(Http, LoadShape.UserId(i)));
        await Parallel.ForAsync(0, shape.Rooms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (room, _) => await system.CreateRoomAsync(Http, _tokens[room], LoadShape.RoomId(room)));
    }

    /// <summary>
    /// Opens and joins every connection, many at once (joins of one room may run together); returns how many failed
    /// (with the first error).
    /// </summary>
    public async Task<(int Failed, string? FirstError)> ConnectAsync()
    {
        _connections = new ILoadClient?[shape.Connections];
        var failed = 0;
        string? firstError = null;
        await Parallel.ForAsync(0, shape.Connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            try
            {
                _connections[i] = await OpenAsync(i);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
            }
        });
        return (failed, firstError);
    }

    private Task<ILoadClient> OpenAsync(int index) =>
        LoadClients.OpenAsync(system.AddressOf(index), kind, _tokens[index], LoadShape.RoomId(shape.RoomOf(index)), new LoadClientEvents(
            text =>
            {
                if (ProbeText.TryRead(text, out var step, out var sentAt) && (uint)step < _steps.Length && _steps[step] is { } counters)
                {
                    counters.RecordReceived(index, sentAt);
                }
            },
            () => Interlocked.Increment(ref _closed)), Traffic);

    public StepCounters BeginStep(int step, int expectedDeliveries) =>
        _steps[step] = new StepCounters(shape.Connections, shape.Rooms, expectedDeliveries);

    public void EndStep(int step) => _steps[step] = null;

    public async ValueTask DisposeAsync()
    {
        // A long-polling close waits for its poll to return: many at once, or 5,000 of them take half a minute.
        await Parallel.ForEachAsync(_connections.OfType<ILoadClient>(), new ParallelOptions { MaxDegreeOfParallelism = ClosedAtOnce },
            async (connection, _) => await connection.DisposeAsync());
    }
}
