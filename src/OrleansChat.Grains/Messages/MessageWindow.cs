using OrleansChat.Contracts;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The most recent messages of a room, contiguous in seq and in their current state, kept in memory so that joins,
/// gap fills, retries of recent sends and changes to recent messages are answered without a database round trip.
/// A ring: a message's place follows from its seq.
/// </summary>
internal sealed class MessageWindow(int capacity)
{
    private readonly ChatMessage[] _ring = new ChatMessage[capacity];
    private readonly Dictionary<string, ChatMessage> _byClientId = new(StringComparer.Ordinal);
    private int _head;
    private int _count;

    /// <summary>The lowest seq held; when empty, one past the room's last seq.</summary>
    public long FirstSeq { get; private set; } = 1;

    public void Reset(IReadOnlyList<ChatMessage> messages, long lastSeq)
    {
        Array.Clear(_ring);
        _byClientId.Clear();
        _head = 0;
        _count = 0;
        FirstSeq = lastSeq + 1;
        Append(messages);
    }

    public void Append(IReadOnlyList<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            if (_count == 0) FirstSeq = message.Seq;
            if (_count == capacity)
            {
                _byClientId.Remove(_ring[_head].ClientMessageId);
                _head = (_head + 1) % capacity;
                _count--;
                FirstSeq++;
            }
            _ring[(_head + _count) % capacity] = message;
            _count++;
            _byClientId[message.ClientMessageId] = message;
        }
    }

    public bool TryFindByClientId(string clientMessageId, out ChatMessage message) =>
        _byClientId.TryGetValue(clientMessageId, out message!);

    public bool TryGet(long seq, out ChatMessage message)
    {
        var offset = seq - FirstSeq;
        var held = offset >= 0 && offset < _count;
        message = held ? _ring[(_head + (int)offset) % capacity] : null!;
        return held;
    }

    /// <summary>Puts a held message's new state in place of the old; one not held is left alone.</summary>
    public void Replace(ChatMessage message)
    {
        var offset = message.Seq - FirstSeq;
        if (offset < 0 || offset >= _count) return;
        _ring[(_head + (int)offset) % capacity] = message;
        _byClientId[message.ClientMessageId] = message;
    }

    /// <summary>The held messages that answer <paramref name="seq"/>.</summary>
    public IEnumerable<ChatMessage> RepliesTo(long seq)
    {
        for (var i = 0; i < _count; i++)
        {
            var message = _ring[(_head + i) % capacity];
            if (message.ReplyTo?.Seq == seq) yield return message;
        }
    }

    /// <summary>The messages from <paramref name="fromSeq"/> to <paramref name="toSeq"/>, if the window holds them all.</summary>
    public bool TryGetRange(long fromSeq, long toSeq, out IReadOnlyList<ChatMessage> range)
    {
        if (fromSeq < FirstSeq)
        {
            range = [];
            return false;
        }
        var list = new List<ChatMessage>();
        for (var seq = fromSeq; seq <= toSeq && TryGet(seq, out var message); seq++) list.Add(message);
        range = list;
        return true;
    }
}
