using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansChat.Bench.RawServer;

/// <summary>Per-room message numbers, in memory only: the raw server gives messages a seq as the chat does.</summary>
public sealed class RoomSequences
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _rooms = new(StringComparer.Ordinal);

    public long Next(string roomId) => Interlocked.Increment(ref _rooms.GetOrAdd(roomId, _ => new StrongBox<long>()).Value);

    public long Last(string roomId) => _rooms.TryGetValue(roomId, out var box) ? Interlocked.Read(ref box.Value) : 0;
}
