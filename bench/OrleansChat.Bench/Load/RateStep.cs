using System.Diagnostics;
using OrleansChat.Bench.Load.Clients;

namespace OrleansChat.Bench.Load;

/// <summary>
/// Sends at a target delivery rate for a while (deliveries = messages x members of the room), rooms in turn and
/// members of a room in turn, then waits for every acknowledged message to reach every member of its room.
/// </summary>
public static class RateStep
{
    /// <summary>Sends awaiting their ack beyond this mean the server cannot keep up: further sends are skipped and counted.</summary>
    private const int MaxInFlight = 5_000;

    public static async Task<StepResult> RunAsync(ChatLoad load, int step, string label, int targetDeliveriesPerSecond, TimeSpan duration, TimeSpan drain)
    {
        var shape = load.Shape;
        var messagesPerSecond = (double)targetDeliveriesPerSecond / shape.MembersPerRoom;
        var counters = load.BeginStep(step, (int)(targetDeliveriesPerSecond * duration.TotalSeconds));
        var sends = new List<Task>();
        long issued = 0, unsent = 0;
        var inFlight = 0;

        var clock = Stopwatch.StartNew();
        var started = Stopwatch.GetTimestamp();
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * messagesPerSecond);
            for (; issued < due; issued++)
            {
                var room = (int)(issued % shape.Rooms);
                var sender = load.Connection(shape.SenderOf(room, issued / shape.Rooms));
                if (sender is null || Volatile.Read(ref inFlight) >= MaxInFlight)
                {
                    unsent++;
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                sends.Add(SendAsync(sender, step, room, counters, () => Interlocked.Decrement(ref inFlight)));
            }
            await Task.Delay(2);
        }

        await Task.WhenAny(Task.WhenAll(sends), Task.Delay(drain));
        // Waits per connection, not for a total: duplicates on one connection must not hide a gap on another.
        var waitUntil = clock.Elapsed + drain;
        while (Gaps(load, counters).Lost > 0 && clock.Elapsed < waitUntil) await Task.Delay(50);
        load.EndStep(step);
        return Summarize(label, targetDeliveriesPerSecond, load, counters, started, unsent + sends.Count(s => !s.IsCompleted));
    }

    private static async Task SendAsync(ILoadClient sender, int step, int room, StepCounters counters, Action done)
    {
        try
        {
            var sentAt = Stopwatch.GetTimestamp();
            await sender.SendAsync(LoadShape.RoomId(room), Guid.NewGuid().ToString("N"), ProbeText.Create(step));
            counters.RecordAck(room, sentAt);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref counters.SendErrors);
        }
        finally
        {
            done();
        }
    }

    /// <summary>Every acknowledged message, once for each open connection of its room.</summary>
    private static long Expected(ChatLoad load, StepCounters counters) =>
        Enumerable.Range(0, load.Shape.Connections).Where(c => load.Connection(c) is not null).Sum(c => (long)counters.AckedByRoom[load.Shape.RoomOf(c)]);

    /// <summary>Acknowledged messages that open connections have not received yet, and copies received twice.</summary>
    private static (long Lost, int Missing, long Duplicates) Gaps(ChatLoad load, StepCounters counters)
    {
        var shape = load.Shape;
        long lost = 0, duplicates = 0;
        var missing = 0;
        for (var connection = 0; connection < shape.Connections; connection++)
        {
            if (load.Connection(connection) is null) continue;
            var gap = counters.AckedByRoom[shape.RoomOf(connection)] - Volatile.Read(ref counters.ReceivedByConnection[connection]);
            if (gap < 0) duplicates -= gap;
            if (gap <= 0) continue;
            lost += gap;
            missing++;
        }
        return (lost, missing, duplicates);
    }

    private static StepResult Summarize(string label, int target, ChatLoad load, StepCounters counters, long started, long unsent)
    {
        var (lost, missing, duplicates) = Gaps(load, counters);
        var received = Interlocked.Read(ref counters.Received);
        var seconds = Math.Max(1e-3, (double)(counters.LastReceivedAt - started) / Stopwatch.Frequency);
        var latencies = counters.SortedLatenciesMs();
        var acks = counters.SortedAckLatenciesMs();
        return new StepResult(label, target, (received - duplicates) / seconds, Expected(load, counters), received, lost, missing, duplicates,
            Interlocked.Read(ref counters.SendErrors), unsent,
            Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95), Percentiles.Of(latencies, 99), Percentiles.Of(latencies, 100),
            Percentiles.Of(acks, 50), Percentiles.Of(acks, 99));
    }
}
