using Orleans.Concurrency;

namespace OrleansChat.Contracts;

/// <summary>
/// A site's support desk (key: site id): its conversations and their status (<c>bot</c> -> <c>waiting</c> ->
/// <c>assigned</c> -> <c>resolved</c>, a visitor's new message reopening a resolved one), and its agents. Waiting
/// conversations go, oldest first, to the available agent with the fewest conversations, up to a cap each.
/// </summary>
public interface ISupportDeskGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens (or returns) the conversation of a visitor's support room; the assistant answers first. A topic or page
    /// given for an existing conversation updates it.
    /// </summary>
    Task<SupportConversation> Open(ChatUser visitor, string roomId, string? topic, string? page = null);

    /// <summary>The visitor (or the assistant, unsure of its answer) asks for a human: <c>waiting</c>.</summary>
    Task<SupportConversation> HandOff(ChatUser requester, string conversationId);

    /// <summary>An agent takes a conversation, or gives it to another agent (<paramref name="agentId"/>).</summary>
    Task<SupportConversation> Assign(ChatUser agent, string conversationId, string? agentId);

    Task<SupportConversation> Resolve(ChatUser requester, string conversationId);

    /// <summary>
    /// A message was stored in the conversation's room (every one: the visitor's, an agent's, the assistant's, a
    /// system notice), told by the room at least once, in order unless a retry overtakes: it goes to the site's
    /// webhooks, and what follows a visitor's message starts here, on the silo: it opens the conversation, reopens a
    /// resolved one, and while the conversation is with the bot, the bot answers from the site's help pages or hands
    /// the visitor to a human.
    /// </summary>
    Task OnConversationMessage(string conversationId, ChatMessage message);

    /// <summary>
    /// An agent joined the conversation's room by themselves: a conversation with the bot or waiting is now theirs.
    /// Told by the room.
    /// </summary>
    [OneWay]
    Task OnAgentJoined(string conversationId, ChatUser agent);

    /// <summary>
    /// An agent's presence may have changed: the desk reads it, and the agent takes new conversations while online
    /// (not away, not gone). Told by the hub and by the agent's user grain; reading, not being told a value, keeps
    /// the desk right whatever order the two arrive in.
    /// </summary>
    Task RefreshAgent(ChatUser agent);

    /// <summary>Waiting and assigned conversations, oldest first; for the site's agents.</summary>
    Task<IReadOnlyList<SupportConversation>> GetQueue(ChatUser agent);

    /// <summary>The agents who have worked this desk, with their availability and load: whom to transfer to.</summary>
    Task<IReadOnlyList<SupportAgent>> GetAgents(ChatUser agent);
}
