namespace OrleansChat.Partitions.Traffic;

/// <summary>What the traffic generator is asked to do: which web nodes, how many rooms and members, how often each sends.</summary>
public sealed record TrafficSettings(IReadOnlyList<string> Nodes, int Rooms, int MembersPerRoom, int SendIntervalMs, int AttemptTimeoutMs);

/// <summary>One message a member sent: when it first tried, and when (and as which seq) it was acknowledged, if ever.</summary>
public sealed record SendRecord(
    string RoomId, string SenderId, string ClientMessageId, DateTime FirstAttemptAt, DateTime? AckedAt, long? Seq, string? MessageId, int FailedAttempts);

/// <summary>A push a connection received, before any dedupe.</summary>
public sealed record PushRecord(long Seq, string MessageId, DateTime At);

/// <summary>One hub connection of a member: the seq its join snapshot ended at, then every push it received in order.</summary>
public sealed record ConnectionRecord(string RoomId, string UserId, string Node, long? SnapshotSeq, IReadOnlyList<PushRecord> Pushes);

/// <summary>The generator's output, written as JSON when it stops.</summary>
public sealed record TrafficReport(IReadOnlyList<SendRecord> Sends, IReadOnlyList<ConnectionRecord> Connections);
