using OrleansChat.Contracts;

namespace OrleansChat.Grains.Rooms;

/// <summary>Who is typing in a room, each until an explicit stop or the timeout after their last keystroke.</summary>
internal sealed class TypingTracker(TimeProvider clock, TimeSpan timeout)
{
    private readonly Dictionary<string, (ChatUser User, DateTimeOffset Until)> _typing = new(StringComparer.Ordinal);

    public bool IsEmpty => _typing.Count == 0;

    /// <summary>Records a start or a stop; true when the user's typing state changed.</summary>
    public bool Set(ChatUser user, bool isTyping)
    {
        if (isTyping)
        {
            var started = !_typing.ContainsKey(user.UserId);
            _typing[user.UserId] = (user, clock.GetUtcNow() + timeout);
            return started;
        }
        return _typing.Remove(user.UserId);
    }

    /// <summary>Forgets whoever's timeout has passed and returns them.</summary>
    public IReadOnlyList<ChatUser> RemoveExpired()
    {
        var now = clock.GetUtcNow();
        var expired = _typing.Values.Where(t => t.Until <= now).Select(t => t.User).ToList();
        foreach (var user in expired) _typing.Remove(user.UserId);
        return expired;
    }
}
