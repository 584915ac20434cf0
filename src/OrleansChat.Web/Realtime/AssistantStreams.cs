using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Puts a room's assistant answers back in order. Orleans does not keep one-way calls in order, so the pieces of an
/// answer can reach a web node shuffled; each names its <see cref="AssistantDelta.Index"/>, and a piece that comes
/// early waits here for those before it. An answer is forgotten once its stored message passes, and the oldest
/// answers go when too many are open at once (a caller that went away never finishes its answer).
/// </summary>
internal sealed class AssistantStreams
{
    private const int MaxOpenStreams = 16;

    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private long _arrivals;

    /// <summary>The pieces that may go out now, in order: this one and those it was holding up, or none.</summary>
    public IReadOnlyList<AssistantDelta> Accept(AssistantDelta delta)
    {
        // A piece without an index comes from a web node of an earlier release: nothing to order it by.
        if (delta.Index is not { } index) return [delta];
        if (!_streams.TryGetValue(delta.StreamId, out var stream))
        {
            if (_streams.Count == MaxOpenStreams) _streams.Remove(_streams.MinBy(s => s.Value.LastArrival).Key);
            _streams[delta.StreamId] = stream = new Stream();
        }
        stream.LastArrival = ++_arrivals;
        if (index < stream.Next) return [];
        stream.Early[index] = delta;
        List<AssistantDelta> ready = [];
        while (stream.Early.Remove(stream.Next, out var next))
        {
            ready.Add(next);
            stream.Next++;
        }
        return ready;
    }

    /// <summary>A stored message passed: when it is an assistant's answer, its pieces are over.</summary>
    public void Passed(ChatMessage message)
    {
        if (message.ClientMessageId.StartsWith(AssistantDelta.StoredMessagePrefix, StringComparison.Ordinal))
        {
            _streams.Remove(message.ClientMessageId[AssistantDelta.StoredMessagePrefix.Length..]);
        }
    }

    private sealed class Stream
    {
        public int Next { get; set; }
        public long LastArrival { get; set; }
        public Dictionary<int, AssistantDelta> Early { get; } = [];
    }
}
