using OrleansChat.Bench.Scenarios;

namespace OrleansChat.Bench.Report;

/// <summary>Everything one run measured, and where.</summary>
public sealed record BenchRun(
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<(string Part, TimeSpan Took)> Parts,
    bool Quick,
    FanoutSettings Fanout,
    IReadOnlyList<FanoutResult> FanoutResults,
    FanoutSettings LargeRoom,
    IReadOnlyList<FanoutResult> LargeRoomResults,
    TransportSettings Transports,
    IReadOnlyList<TransportResult> TransportResults,
    AiSettings Ai,
    IReadOnlyList<AiResult> AiResults,
    IReadOnlyList<DurableResult> DurableResults,
    IReadOnlyList<SearchResult> SearchResults,
    ReactionSettings Reactions,
    ReactionResult? ReactionResult,
    FootprintResult? FootprintResult,
    TracingSettings Tracing,
    IReadOnlyList<TracingResult> TracingResults);
