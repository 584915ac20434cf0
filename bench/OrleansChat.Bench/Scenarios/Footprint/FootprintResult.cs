namespace OrleansChat.Bench.Scenarios.Footprint;

/// <summary>
/// What one active room and one online user cost in memory, on the silo and on the web node: resident memory after
/// a full GC, before and after, divided by how many were added.
/// </summary>
public sealed record FootprintResult(
    FootprintSettings Settings,
    double SiloBytesPerRoom,
    double WebBytesPerRoom,
    double SiloBytesPerUser,
    double WebBytesPerUser);
