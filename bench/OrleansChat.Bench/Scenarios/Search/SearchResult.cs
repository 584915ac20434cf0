namespace OrleansChat.Bench.Scenarios.Search;

/// <summary>
/// Searches of one store, one scope (the room named, or every room the reader may read): latencies in ms, how many
/// searches found a full page, and how long filling the history took.
/// </summary>
public sealed record SearchResult(
    string Store,
    string Scope,
    int Messages,
    int Queries,
    int FullPages,
    double P50,
    double P99,
    double Max,
    TimeSpan FillTime);
