namespace OrleansChat.Contracts;

/// <summary>
/// The desk's conversations beyond the open ones (key: site id, the same activation as <see cref="ISupportDeskGrain"/>):
/// resolved conversations live in the archive, and these reach them there as well as in memory.
/// </summary>
public interface ISupportRecordsGrain : IGrainWithStringKey
{
    /// <summary>An agent takes a resolved conversation up again: it is theirs, back among the open ones.</summary>
    Task<SupportConversation> Reopen(ChatUser agent, string conversationId);

    /// <summary>Adds a label (once) to an open or archived conversation.</summary>
    Task<SupportConversation> AddLabel(ChatUser agent, string conversationId, string label);

    Task<SupportConversation> RemoveLabel(ChatUser agent, string conversationId, string label);

    /// <summary>The visitor rates their resolved conversation, once.</summary>
    Task<SupportRating> Rate(ChatUser visitor, string conversationId, int score, string? comment);

    Task<SupportProfile> GetProfile(ChatUser agent, string conversationId);
}

/// <summary>Reads of a site's archive that need no desk (key: site id): listing and reports, for its agents.</summary>
public interface ISupportArchiveGrain : IGrainWithStringKey
{
    Task<SupportRecordPage> List(ChatUser agent, SupportQuery query);

    Task<SupportReport> Report(ChatUser agent, DateTimeOffset from, DateTimeOffset to);
}
