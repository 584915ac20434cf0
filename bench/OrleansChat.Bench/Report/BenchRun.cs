using OrleansChat.Bench.Scenarios.Ai;
using OrleansChat.Bench.Scenarios.Durable;
using OrleansChat.Bench.Scenarios.Fanout;
using OrleansChat.Bench.Scenarios.Footprint;
using OrleansChat.Bench.Scenarios.Reaction;
using OrleansChat.Bench.Scenarios.Search;
using OrleansChat.Bench.Scenarios.Tracing;
using OrleansChat.Bench.Scenarios.Transport;

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
