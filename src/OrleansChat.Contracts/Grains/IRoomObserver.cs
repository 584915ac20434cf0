using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// One per web node: a room notifies each subscribed node once per event, and the node fans out to its own
/// connections. One-way, so a dead node can never stall a room.
/// </summary>
public interface IRoomObserver : IGrainObserver
{
    [OneWay] Task OnMessages(string roomId, IReadOnlyList<ChatMessage> messages);
    [OneWay] Task OnTyping(TypingChanged typing);
    [OneWay] Task OnPresence(string roomId, PresenceChanged presence);
    [OneWay] Task OnMemberJoined(MemberJoined joined);
    [OneWay] Task OnMemberLeft(MemberLeft left);
    [OneWay] Task OnReadReceipt(ReadReceipt receipt);
    [OneWay] Task OnAssistantDelta(AssistantDelta delta);
    [OneWay] Task OnSupportChanged(string roomId, SupportChanged change);
}
