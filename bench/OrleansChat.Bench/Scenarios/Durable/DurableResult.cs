namespace OrleansChat.Bench.Scenarios.Durable;

/// <summary>Durable appends: acknowledged sends per second, their latency (ms), and what the database holds after.</summary>
public sealed record DurableResult(
    string Store,
    string Label,
    int Rooms,
    int ConcurrentSenders,
    double MessagesPerSecond,
    long Acknowledged,
    long Errors,
    long StoredRows,
    double P50,
    double P99);
