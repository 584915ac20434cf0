namespace OrleansChat.Bench.Scenarios.Reaction;

/// <summary>
/// The reaction storm's knobs: <see cref="Members"/> connections that receive everything in the room (and send its
/// messages, <see cref="MessagesPerSecond"/> in all), <see cref="Watchers"/> more members that count the changes they
/// are told of, and <see cref="Reactors"/> members that call <c>SetReaction</c> on one message,
/// <see cref="ReactionsPerSecond"/> in all. Enough reactors that each stays under the hub's per-user allowance for
/// room calls (<c>Chat:Limits:LiveCallsPerMinute</c>, 600) over the whole storm, warm-up included.
/// </summary>
public sealed record ReactionSettings(
    int Members,
    int Watchers,
    int Reactors,
    int MessagesPerSecond,
    int ReactionsPerSecond,
    TimeSpan WarmUp,
    TimeSpan StepDuration,
    TimeSpan Drain)
{
    /// <summary>The room keeps its send p99 when the p99 under the storm is at most this many times the p99 without it.</summary>
    public const double KeptP99Factor = 1.5;

    public static ReactionSettings Full { get; } =
        new(300, 10, 400, 20, 2_000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10));

    public static ReactionSettings Quick { get; } =
        new(100, 5, 200, 20, 2_000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

    /// <summary>Room calls one reactor makes over the storm: must stay under the per-user allowance.</summary>
    public double CallsPerReactor => ReactionsPerSecond * (WarmUp + StepDuration).TotalSeconds / Reactors;
}
