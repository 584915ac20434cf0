namespace OrleansChat.Contracts;

/// <summary>
/// The private notes of a site's support conversations (key: site id), for the site's agents only. A note is
/// stored before it is acknowledged, then pushed to the site's agents through the desk's channel.
/// </summary>
public interface ISupportNotesGrain : IGrainWithStringKey
{
    Task<SupportNote> Add(ChatUser agent, string conversationId, string text);

    /// <summary>A conversation's notes, oldest first.</summary>
    Task<IReadOnlyList<SupportNote>> List(ChatUser agent, string conversationId);
}
