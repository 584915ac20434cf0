using OrleansChat.Contracts;

namespace OrleansChat.Web.Hubs;

/// <summary>The hub's server-to-client events, named as the protocol names them.</summary>
public interface IChatClient
{
    Task MessageReceived(ChatMessage message);
    /// <summary>Changes to one room's messages, in change order: what a web node relays together goes as one event.</summary>
    Task MessagesChanged(IReadOnlyList<MessageChange> changes);
    Task Mentioned(Mentioned mention);
    Task TypingChanged(TypingChanged typing);
    Task PresenceChanged(PresenceChanged presence);
    Task MemberJoined(MemberJoined joined);
    Task MemberLeft(MemberLeft left);
    Task RoomLeft(RoomLeft left);
    Task MemberChanged(MemberChanged changed);
    Task ReadReceipt(ReadReceipt receipt);
    Task AssistantDelta(AssistantDelta delta);
    Task SupportChanged(SupportChanged change);
    /// <summary>A private note in a support conversation: sent through the desk's channel, to the site's agents only.</summary>
    Task SupportNoteAdded(SupportNote note);
}
