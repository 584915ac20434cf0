using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// What rooms do with their storage, on the silo's <c>OrleansChat</c> meter: messages stored, how long an append
/// takes until it is durable, and storage failures by kind. Not tagged by room: a series per room would swamp a
/// metrics store.
/// </summary>
internal static class RoomMetrics
{
    private static readonly Meter Meter = new("OrleansChat");

    private static readonly Counter<long> Stored = Meter.CreateCounter<long>(
        "orleanschat.messages.stored", "{message}", "Messages appended to rooms' logs: accepted, durable and acknowledged.");

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "orleanschat.append.duration", "ms", "From the start of a batch's append to its commit (a batch holds the sends that waited for it).");

    private static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(
        "orleanschat.storage.errors", "{error}", "Storage calls of rooms that failed, by kind (append, state, read).");

    public static void Appended(int messages, TimeSpan took)
    {
        Stored.Add(messages);
        AppendDuration.Record(took.TotalMilliseconds);
    }

    public static void StorageFailed(string kind) => StorageErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
