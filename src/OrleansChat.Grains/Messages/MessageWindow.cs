using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The most recent messages of a room, contiguous in seq, kept in memory so that joins, gap fills and retries
/// of recent sends are answered without a database round trip.
/// </summary>
internal sealed class MessageWindow(int capacity)
{
    private readonly Queue<ChatMessage> _messages = new(capacity);
    private readonly Dictionary<string, ChatMessage> _byClientId = new(StringComparer.Ordinal);

    /// <summary>The lowest seq held; when empty, one past the room's last seq.</summary>
    public long FirstSeq { get; private set; } = 1;

    public void Reset(IReadOnlyList<ChatMessage> messages, long lastSeq)
    {
        _messages.Clear();
        _byClientId.Clear();
        FirstSeq = lastSeq + 1;
        Append(messages);
    }

    public void Append(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (_messages.Count == 0) FirstSeq = message.Seq;
            _messages.Enqueue(message);
            _byClientId[message.ClientMessageId] = message;
        }
        while (_messages.Count > capacity)
        {
            var dropped = _messages.Dequeue();
            _byClientId.Remove(dropped.ClientMessageId);
            FirstSeq = dropped.Seq + 1;
        }
    }

    public bool TryFindByClientId(string clientMessageId, out ChatMessage message) =>
        _byClientId.TryGetValue(clientMessageId, out message!);

    /// <summary>The messages from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, if the window holds them all.</summary>
    public bool TryGetRange(long fromSeq, long toSeq, out IReadOnlyList<ChatMessage> range)
    {
        if (fromSeq < FirstSeq)
        {
            range = [];
            return false;
        }
        range = _messages.SkipWhile(m => m.Seq < fromSeq).TakeWhile(m => m.Seq <= toSeq).ToArray();
        return true;
    }
}
