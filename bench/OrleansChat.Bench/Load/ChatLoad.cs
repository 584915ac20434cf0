using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Bench.Hosting;

namespace OrleansChat.Bench.Load;

/// <summary>
/// The load's clients: one user per connection, every connection a WebSocket (no negotiate round trip) that
/// joined its room and counts what it receives into the current step's counters.
/// </summary>
public sealed class ChatLoad(ISystemUnderTest system, LoadShape shape) : IAsyncDisposable
{
    private const int Parallelism = 32;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private readonly StepCounters?[] _steps = new StepCounters?[256];
    private string?[] _tokens = [];
    private HubConnection?[] _connections = [];
    private int _closed;
    private int _joinRetries;

    public LoadShape Shape => shape;

    /// <summary>Connections that the server closed, or that failed, since they opened.</summary>
    public int Closed => Volatile.Read(ref _closed);

    public HubConnection? Connection(int index) => _connections[index];

    /// <summary>Signs every user in and creates the rooms (their first members own them).</summary>
    public async Task PrepareAsync()
    {
        _tokens = new string?[shape.Connections];
        await Parallel.ForAsync(0, shape.Connections, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => _tokens[i] = await system.SignInAsync(Http, LoadShape.UserId(i)));
        await Parallel.ForAsync(0, shape.Rooms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (room, _) => await system.CreateRoomAsync(Http, _tokens[room], LoadShape.RoomId(room)));
    }

    /// <summary>
    /// Opens and joins every connection; returns how many failed (with the first error). Rooms are joined in
    /// parallel, each room's members one after another: concurrent joins of one room make RoomGrain's state
    /// writer fail (see "Performance problems found" in docs/benchmarks.md), which the load is not meant to measure.
    /// </summary>
    public async Task<(int Failed, string? FirstError)> ConnectAsync()
    {
        _connections = new HubConnection?[shape.Connections];
        var failed = 0;
        string? firstError = null;
        await Parallel.ForAsync(0, shape.Rooms, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (room, _) =>
        {
            for (var i = room; i < shape.Connections; i += shape.Rooms)
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
            }
        });
        return (failed, firstError);
    }

    /// <summary>Joins that the server refused at first and that succeeded on a retry, as a client retries "unavailable".</summary>
    public int JoinRetries => Volatile.Read(ref _joinRetries);

    private async Task<HubConnection> OpenAsync(int index)
    {
        var connection = Build(index);
        await connection.StartAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.InvokeAsync<object>("JoinRoom", LoadShape.RoomId(shape.RoomOf(index)), null);
                return connection;
            }
            catch (HubException) when (attempt < 5)
            {
                Interlocked.Increment(ref _joinRetries);
                await Task.Delay(200 * attempt);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    public StepCounters BeginStep(int step, int expectedDeliveries) =>
        _steps[step] = new StepCounters(shape.Connections, shape.Rooms, expectedDeliveries);

    public void EndStep(int step) => _steps[step] = null;

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections.OfType<HubConnection>(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (connection, _) => await connection.DisposeAsync());
    }

    private HubConnection Build(int index)
    {
        var token = _tokens[index];
        var connection = new HubConnectionBuilder()
            .WithUrl(system.HubUrl, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // A saturated 2-core box can starve pings for a while: the measure is loss, not a dropped connection.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.On<ReceivedMessage>("MessageReceived", message =>
        {
            if (ProbeText.TryRead(message.Text, out var step, out var sentAt) && (uint)step < _steps.Length && _steps[step] is { } counters)
            {
                counters.RecordReceived(index, sentAt);
            }
        });
        connection.Closed += _ =>
        {
            Interlocked.Increment(ref _closed);
            return Task.CompletedTask;
        };
        return connection;
    }
}
