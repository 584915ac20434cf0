using OrleansChat.Bench.Load;

namespace OrleansChat.Bench.Scenarios.Reaction;

/// <summary>
/// The reaction storm: the room's messages without the storm and under it (send-to-receive latency, loss), the
/// reaction calls (acks per second over the whole storm; the measured stretch's ack latency in ms; refusals, failures,
/// calls skipped or never answered), and whether the changes reached the watchers.
/// </summary>
public sealed record ReactionResult(
    int ConnectionsOpened,
    StepResult Quiet,
    StepResult Storm,
    double ReactionsPerSecond,
    double AckP50,
    double AckP99,
    long Refused,
    string? FirstRefusal,
    long Failed,
    long Skipped,
    long Unanswered,
    long ChangesMade,
    int Watchers,
    long FewestChangesAccountedFor,
    long ChangesPushed,
    long GapsAndDuplicates)
{
    /// <summary>Send p99 under the storm within <see cref="ReactionSettings.KeptP99Factor"/> of the p99 without it, nothing lost in either.</summary>
    public bool KeptSendP99 => Storm.P99 <= ReactionSettings.KeptP99Factor * Quiet.P99 && Quiet.NothingLost && Storm.NothingLost;

    /// <summary>
    /// Every watcher was told of every change the room acknowledged (pushed, or stood for in a coalesced push), with no
    /// gap to fetch and nothing twice.
    /// </summary>
    public bool ChangesDelivered => FewestChangesAccountedFor >= ChangesMade && GapsAndDuplicates == 0;
}
