using OrleansChat.Partitions.Traffic;

namespace OrleansChat.Partitions;

/// <summary>
/// What the traffic of one phase saw, judged against the stored log: sends acknowledged in the phase (or begun in it
/// and never acknowledged), and lost (acknowledged, but the log does not hold that message at that seq); pushes in the
/// phase that repeated a seq the connection already had (duplicates) or came after a higher one (reorders), and
/// senders whose sends, one after another, were stored out of order; and how long the slowest send waited for its
/// acknowledgement through retries (<see cref="LongestWait"/>), and when, after the fault began, the last send that had
/// failed was acknowledged (<see cref="Recovery"/>, zero when none failed): the time until sends succeeded again.
/// </summary>
public sealed record FaultVerdict(
    string Phase, int Acknowledged, int Unacknowledged, int Lost, int Duplicates, int Reorders, int FailedAttempts, TimeSpan LongestWait, TimeSpan Recovery)
{
    public bool Holds => Unacknowledged == 0 && Lost == 0 && Duplicates == 0 && Reorders == 0;

    public override string ToString() =>
        $"{Phase,-44} acknowledged {Acknowledged,5}  lost {Lost}  unacknowledged {Unacknowledged}  duplicates {Duplicates}  " +
        $"reorders {Reorders}  failed attempts {FailedAttempts,4}  longest wait {LongestWait.TotalSeconds,5:F1} s  recovery {Recovery.TotalSeconds,5:F1} s";

    public static FaultVerdict Judge(FaultPhase phase, TrafficReport report, StoredLog log)
    {
        bool In(DateTime at) => at >= phase.From && at < phase.Until;
        // A send counts where it ended: one begun just before a fault and held up by it belongs to the fault.
        bool Ended(SendRecord send) => In(send.AckedAt ?? send.FirstAttemptAt);
        var sends = report.Sends.Where(Ended).ToList();
        var acknowledged = sends.Where(s => s.AckedAt is not null).ToList();
        var lost = acknowledged.Count(s => !log.Holds(s.RoomId, s.Seq!.Value, s.MessageId!));
        var (duplicates, pushReorders) = report.Connections.Select(c => JudgePushes(c, In)).Aggregate((0, 0), (a, b) => (a.Item1 + b.Item1, a.Item2 + b.Item2));
        var senderReorders = report.Sends.Where(s => s.AckedAt is not null).GroupBy(s => (s.RoomId, s.SenderId))
            .Sum(sender => sender.OrderBy(s => s.FirstAttemptAt).Zip(sender.OrderBy(s => s.FirstAttemptAt).Skip(1))
                .Count(pair => Ended(pair.Second) && pair.Second.Seq <= pair.First.Seq));
        var longestWait = acknowledged.Select(s => s.AckedAt!.Value - s.FirstAttemptAt).DefaultIfEmpty().Max();
        var recovery = acknowledged.Where(s => s.FailedAttempts > 0).Select(s => s.AckedAt!.Value - phase.From).DefaultIfEmpty().Max();
        return new FaultVerdict(phase.Name, acknowledged.Count, sends.Count - acknowledged.Count, lost, duplicates,
            pushReorders + senderReorders, sends.Sum(s => s.FailedAttempts), longestWait, recovery);
    }

    /// <summary>A push at or below the highest seq the connection already had (from its snapshot or an earlier push) is a repeat if it had that seq, else out of order.</summary>
    private static (int Duplicates, int Reorders) JudgePushes(ConnectionRecord connection, Func<DateTime, bool> inPhase)
    {
        // A connection whose join never answered was never attached: all it heard counts as duplicates.
        if (connection.SnapshotSeq is not { } highest) return (connection.Pushes.Count(p => inPhase(p.At)), 0);
        var seen = new HashSet<long>();
        var (duplicates, reorders) = (0, 0);
        foreach (var push in connection.Pushes)
        {
            var repeated = push.Seq <= connection.SnapshotSeq || !seen.Add(push.Seq);
            if (inPhase(push.At))
            {
                if (repeated) duplicates++;
                else if (push.Seq < highest) reorders++;
            }
            highest = Math.Max(highest, push.Seq);
        }
        return (duplicates, reorders);
    }
}
