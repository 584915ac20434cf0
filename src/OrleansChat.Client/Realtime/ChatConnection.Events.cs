using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Client;

// The hub's server-to-client events. Handlers run one at a time per room, in order; keep them short.
public sealed partial class ChatConnection
{
    /// <summary>A message of a joined room: each once, in seq order per room, with nothing skipped (gaps are filled first).</summary>
    public event Action<ChatMessage>? MessageReceived;

    /// <summary>Changes to messages of a joined room, each once, in change-seq order per room (missed ones are fetched first).</summary>
    public event Action<IReadOnlyList<MessageChange>>? MessagesChanged;

    /// <summary>The server's log began a new epoch (a backup was restored): drop what you hold of the room; its latest page follows.</summary>
    public event Action<string>? RoomRestarted;

    /// <summary>
    /// A rejoin was refused for good (<c>forbidden</c>, <c>not-found</c>): the user left the room elsewhere, or was
    /// removed or banned, while this connection was away, or the room is gone. The room is no longer followed (nor in
    /// <see cref="Rooms"/>) and nothing more of it arrives. After a reconnect it comes before <see cref="Reconnected"/>;
    /// after a restore, after <see cref="RoomRestarted"/>.
    /// </summary>
    public event Action<RoomRefused>? RoomRefused;

    /// <summary>
    /// The user is out of a followed room while connected: they left it on another device or connection, or were
    /// removed, banned, or moved off a support conversation. The room is no longer followed (nor in <see cref="Rooms"/>),
    /// so no reconnect joins it again, and nothing more of it arrives; join it again to follow it. Not raised for this
    /// connection's own <see cref="LeaveRoomAsync"/>.
    /// </summary>
    public event Action<RoomLeft>? RoomLeft;

    public event Action<TypingChanged>? TypingChanged;
    public event Action<PresenceChanged>? PresenceChanged;
    public event Action<MemberJoined>? MemberJoined;
    public event Action<MemberLeft>? MemberLeft;
    public event Action<MemberChanged>? MemberChanged;
    public event Action<ReadReceipt>? ReadReceipt;
    public event Action<AssistantDelta>? AssistantDelta;
    public event Action<SupportChanged>? SupportChanged;
    public event Action<Mentioned>? Mentioned;

    /// <summary>The connection was lost; it is being restored.</summary>
    public event Action? Reconnecting;

    /// <summary>The connection is back, every room rejoined and caught up.</summary>
    public event Action? Reconnected;

    /// <summary>An event handler of the application threw; delivery carried on without it.</summary>
    public event Action<Exception>? HandlerFailed;

    private void ListenToHub()
    {
        _hub.On<ChatMessage>("MessageReceived", message => _ = OnLiveMessageAsync(message));
        _hub.On<IReadOnlyList<MessageChange>>("MessagesChanged", changes => _ = OnLiveChangesAsync(changes));
        _hub.On<TypingChanged>("TypingChanged", typing => Raise(TypingChanged, typing));
        _hub.On<PresenceChanged>("PresenceChanged", presence => Raise(PresenceChanged, presence));
        _hub.On<MemberJoined>("MemberJoined", joined => Raise(MemberJoined, joined));
        _hub.On<MemberLeft>("MemberLeft", left => Raise(MemberLeft, left));
        _hub.On<RoomLeft>("RoomLeft", left => _ = OnRoomLeftAsync(left));
        _hub.On<MemberChanged>("MemberChanged", changed => Raise(MemberChanged, changed));
        _hub.On<ReadReceipt>("ReadReceipt", receipt => Raise(ReadReceipt, receipt));
        _hub.On<AssistantDelta>("AssistantDelta", delta => Raise(AssistantDelta, delta));
        _hub.On<SupportChanged>("SupportChanged", change => Raise(SupportChanged, change));
        _hub.On<Mentioned>("Mentioned", mention => Raise(Mentioned, mention));
    }

    private void Raise(Action? handler)
    {
        if (handler is null) return;
        foreach (var each in handler.GetInvocationList().Cast<Action>())
        {
            try
            {
                each();
            }
            catch (Exception exception)
            {
                HandlerFailed?.Invoke(exception);
            }
        }
    }

    private void Raise<T>(Action<T>? handler, T value)
    {
        if (handler is null) return;
        // Each handler on its own, so that one that throws does not keep the others from hearing.
        foreach (var each in handler.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                each(value);
            }
            catch (Exception exception)
            {
                HandlerFailed?.Invoke(exception);
            }
        }
    }
}
