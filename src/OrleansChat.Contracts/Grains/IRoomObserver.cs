using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// One per web node: a room notifies each subscribed node once per event, and the node fans out to its own
/// connections. One-way, so a dead node can never stall a room. Each event carries the room's access revision
/// (<see cref="RoomAdmission"/>): a node relays nothing past a revocation it has not applied.
/// </summary>
public interface IRoomObserver : IGrainObserver
{
    [OneWay] Task OnMessages(string roomId, long accessRevision, IReadOnlyList<ChatMessage> messages);
    [OneWay] Task OnTyping(long accessRevision, TypingChanged typing);
    [OneWay] Task OnPresence(string roomId, long accessRevision, PresenceChanged presence);
    [OneWay] Task OnMemberJoined(long accessRevision, MemberJoined joined);
    [OneWay] Task OnMemberLeft(long accessRevision, MemberLeft left);
    [OneWay] Task OnReadReceipt(long accessRevision, ReadReceipt receipt);
    [OneWay] Task OnAssistantDelta(long accessRevision, AssistantDelta delta);
    [OneWay] Task OnChanges(string roomId, long accessRevision, IReadOnlyList<MessageChange> changes);
    [OneWay] Task OnSupportChanged(string roomId, long accessRevision, SupportChanged change);
    [OneWay] Task OnMemberChanged(long accessRevision, MemberChanged changed);
    [OneWay] Task OnSupportNote(string roomId, long accessRevision, SupportNote note);
}
