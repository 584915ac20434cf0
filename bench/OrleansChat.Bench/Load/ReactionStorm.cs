using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Load;

/// <summary>
/// Reactors calling <c>SetReaction</c> on one message at a fixed total rate, open loop: calls are due by the clock,
/// not by the previous ack, so a slow server shows as ack latency and skipped calls, not as a lower rate asked.
/// Reactor r makes every r-th call; its own calls go through its emoji turning each on, then each off, so every call
/// is a change (the hub runs one connection's calls in order, and a call that changes nothing makes no change).
/// </summary>
public sealed class ReactionStorm(IReadOnlyList<HubConnection> reactors, string roomId, long seq, int callsPerSecond)
{
    /// <summary>Calls awaiting their ack beyond this mean the server cannot keep up: further calls are skipped and counted.</summary>
    private const int MaxInFlight = 5_000;

    private static readonly string[] Emoji = ["👍", "❤️", "😂", "🎉"];

    private long _issued;
    /// <summary>Unanswered calls of the whole storm: the warm-up's still count against the measured stretch's limit.</summary>
    private int _inFlight;
    private long _highestChange;
    private long _startedAt;
    private long _lastAckAt;
    private int _acked;

    /// <summary>The room's latest change seq any ack reported: every change the storm made, the room being fresh.</summary>
    public long HighestChange => Interlocked.Read(ref _highestChange);

    /// <summary>
    /// Acknowledged calls per second over the whole storm, warm-up included, from its first call to its last ack: what
    /// the server sustained, however far behind the calls it fell.
    /// </summary>
    public double AckedPerSecond => Volatile.Read(ref _acked) / Math.Max(1e-3, (double)(Volatile.Read(ref _lastAckAt) - _startedAt) / Stopwatch.Frequency);

    /// <summary>Calls at the storm's rate for <paramref name="duration"/>; <see cref="ReactionCounts.SettleAsync"/> then waits for their answers.</summary>
    public async Task<ReactionCounts> RunAsync(TimeSpan duration)
    {
        var counts = new ReactionCounts((int)(callsPerSecond * duration.TotalSeconds) + 1024);
        if (_startedAt == 0) _startedAt = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        long asked = 0;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * callsPerSecond);
            for (; asked < due; asked++)
            {
                if (Volatile.Read(ref _inFlight) >= MaxInFlight)
                {
                    Interlocked.Increment(ref counts.Skipped);
                    continue;
                }
                Interlocked.Increment(ref _inFlight);
                counts.Calls.Add(CallAsync(_issued++, counts));
            }
            await Task.Delay(2);
        }
        return counts;
    }

    private async Task CallAsync(long call, ReactionCounts counts)
    {
        var nth = call / reactors.Count;
        var emoji = Emoji[nth % Emoji.Length];
        var reacted = nth / Emoji.Length % 2 == 0;
        try
        {
            var sentAt = Stopwatch.GetTimestamp();
            var message = await reactors[(int)(call % reactors.Count)].InvokeAsync<ReactedMessage>("SetReaction", roomId, seq, emoji, reacted);
            counts.RecordAck(sentAt);
            Interlocked.Increment(ref _acked);
            var now = Stopwatch.GetTimestamp();
            if (now > Volatile.Read(ref _lastAckAt)) Volatile.Write(ref _lastAckAt, now);
            for (var seen = Interlocked.Read(ref _highestChange); message.ChangeSeq > seen; seen = Interlocked.Read(ref _highestChange))
            {
                Interlocked.CompareExchange(ref _highestChange, message.ChangeSeq, seen);
            }
        }
        // A refusal (allowance spent, the message's limits) has a stable code; anything else is a failure.
        catch (HubException exception)
        {
            counts.RecordRefusal(exception.Message);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref counts.Failed);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

/// <summary>The part of the <c>ChatMessage</c> a reaction call returns that the storm reads.</summary>
public sealed record ReactedMessage(long Seq, long ChangeSeq);
