using System.Diagnostics;
using OrleansChat.Bench.Hosting;
using OrleansChat.Bench.Load;
using OrleansChat.Contracts;

namespace OrleansChat.Bench.Scenarios.Durable;

/// <summary>
/// Messages appended durably per second through the real path, <see cref="IRoomGrain.Send"/> on a silo, for each
/// store: the embedded mode's SQLite file, and cluster mode's PostgreSQL with fsync on (durability, the headline)
/// and off (an upper bound). Many concurrent senders across rooms, then many into one room. Every send is
/// acknowledged only once its row is committed, so acknowledgements per second are durable appends per second.
/// </summary>
public static class DurableScenario
{
    public static async Task<IReadOnlyList<DurableResult>> RunAsync(DurableSettings settings, string logDirectory, TextWriter log)
    {
        var results = new List<DurableResult>();
        Func<Task<DurableStoreSilo>>[] stores =
        [
            () => DurableStoreSilo.StartSqliteAsync(logDirectory),
            () => DurableStoreSilo.StartPostgresAsync(logDirectory, fsync: true),
            () => DurableStoreSilo.StartPostgresAsync(logDirectory, fsync: false),
        ];
        foreach (var start in stores)
        {
            await using var silo = await start();
            log.WriteLine($"[durable] {silo.Store}");
            results.AddRange(await RunAsync(silo, settings, log));
        }
        return results;
    }

    private static async Task<IReadOnlyList<DurableResult>> RunAsync(DurableStoreSilo silo, DurableSettings settings, TextWriter log)
    {
        var results = new List<DurableResult>();
        long storedBefore = 0;
        foreach (var (label, rooms, senders) in new[]
                 {
                     ("across rooms", settings.Rooms, settings.SendersAcrossRooms),
                     ("single room", 1, settings.SendersSingleRoom),
                 })
        {
            var result = await MeasureAsync(silo, label, rooms, senders, settings);
            var stored = await silo.StoredMessagesAsync();
            result = result with { StoredRows = stored - storedBefore };
            storedBefore = stored;
            results.Add(result);
            log.WriteLine($"[durable] {silo.Store}, {label}: {result.MessagesPerSecond:N0} messages/s ({rooms} rooms, {senders} senders), " +
                          $"acked {result.Acknowledged}, stored {result.StoredRows}, errors {result.Errors}, p50 {result.P50:F1} p99 {result.P99:F1} ms");
        }
        return results;
    }

    private static async Task<DurableResult> MeasureAsync(DurableStoreSilo silo, string label, int rooms, int senders, DurableSettings settings)
    {
        var prefix = $"durable-{label.Replace(' ', '-')}";
        var users = Enumerable.Range(0, senders).Select(i => new ChatUser($"{prefix}-user-{i}", $"Sender {i}", UserRole.Member)).ToArray();
        var roomGrains = Enumerable.Range(0, rooms).Select(r => silo.Grains.GetGrain<IRoomGrain>($"{prefix}-room-{r}")).ToArray();
        await Task.WhenAll(roomGrains.Select((room, r) => room.CreateGroup(users[r % senders], new NewRoom($"Room {r}", RoomVisibility.Public))));
        // A room's members join one after another: concurrent joins of one room trip its state writer (see docs/benchmarks.md).
        await Parallel.ForAsync(0, rooms, async (r, _) =>
        {
            for (var i = r; i < senders; i += rooms) await roomGrains[r].Join(users[i], null);
        });

        long acknowledged = 0, errors = 0, measured = 0;
        var latencies = new List<double>[senders];
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, senders).Select(i => Task.Run(async () =>
        {
            var room = roomGrains[i % rooms];
            var mine = latencies[i] = [];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await room.Send(users[i], Guid.NewGuid().ToString("N"), ProbeText.Create(0));
                    Interlocked.Increment(ref acknowledged);
                    if (!Volatile.Read(ref measuring)) continue;
                    Interlocked.Increment(ref measured);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();

        // Warm-up (activations, connection pool, JIT) is not counted.
        await Task.Delay(settings.WarmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(settings.Duration);
        var count = Interlocked.Read(ref measured);
        var seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref measuring, false);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        return new DurableResult(silo.Store, label, rooms, senders, count / seconds, Interlocked.Read(ref acknowledged), Interlocked.Read(ref errors), 0,
            Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 99));
    }
}
