using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// Who may act on the desk and its conversations.
public sealed partial class SupportDeskGrain
{
    private SupportConversation Require(string conversationId) =>
        Conversations.TryGetValue(conversationId, out var conversation) ? conversation
            : throw ChatException.NotFound($"Conversation '{conversationId}' does not exist.");

    private SupportConversation RequireParticipant(ChatUser requester, string conversationId) => RequireParticipant(requester, Require(conversationId));

    private static SupportConversation RequireParticipant(ChatUser requester, SupportConversation conversation)
    {
        if (requester.UserId != conversation.VisitorId && requester.Role is not (UserRole.Agent or UserRole.Admin))
        {
            throw ChatException.Forbidden("Only the visitor or the site's agents may do that.");
        }
        return conversation;
    }

    private static void RequireAgent(ChatUser user)
    {
        if (user.Role is not (UserRole.Agent or UserRole.Admin)) throw ChatException.Forbidden("Only agents may do that.");
    }
}
