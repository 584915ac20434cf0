namespace OrleansChat.Contracts;

/// <summary>
/// The desk's side for visitors who find no one there (key: site id, the same grain as <see cref="ISupportDeskGrain"/>):
/// whether a human is available, the e-mail address a visitor leaves to be answered at, and the mail that follows.
/// </summary>
public interface ISupportDeskOffline : IGrainWithStringKey
{
    /// <summary>Within the site's hours and at least one agent online; else when the team is back.</summary>
    Task<SupportAvailability> GetAvailability();

    /// <summary>
    /// The visitor leaves the address to be answered at while they are away, and whether they want the transcript
    /// when the conversation is resolved; their own conversation only.
    /// </summary>
    Task<SupportConversation> LeaveEmail(ChatUser visitor, string conversationId, string email, bool wantsTranscript);
}
