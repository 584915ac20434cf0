using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// Reopening, labels, ratings and visitor profiles: what reaches a conversation wherever it is, open or archived.
public sealed partial class SupportDeskGrain : ISupportRecordsGrain
{
    /// <summary>Labels per conversation: enough to tag it, few enough to show beside it.</summary>
    public const int MaxLabels = 10;

    /// <summary>Other conversations of the visitor shown in a profile.</summary>
    public const int MaxPastConversations = 20;

    public async Task<SupportConversation> Reopen(ChatUser agent, string conversationId)
    {
        RequireAgent(agent);
        var conversation = await RestoreAsync(agent, conversationId) ?? throw NotFound(conversationId);
        if (conversation.Status != SupportStatus.Resolved) return conversation;
        Remember(agent);
        await AssignAsync(conversation, agent);
        await SaveAndTellAsync();
        return Current(conversationId);
    }

    public Task<SupportConversation> AddLabel(ChatUser agent, string conversationId, string label) =>
        ChangeLabelsAsync(agent, conversationId, labels =>
        {
            if (labels.Contains(label, StringComparer.Ordinal)) return labels;
            if (labels.Count >= MaxLabels) throw ChatException.Invalid($"A conversation has at most {MaxLabels} labels.");
            return [.. labels, label];
        });

    public Task<SupportConversation> RemoveLabel(ChatUser agent, string conversationId, string label) =>
        ChangeLabelsAsync(agent, conversationId, labels => [.. labels.Where(l => l != label)]);

    public async Task<SupportRating> Rate(ChatUser visitor, string conversationId, int score, string? comment)
    {
        if (score is < 1 or > 5) throw ChatException.Invalid("score must be from 1 to 5.");
        var open = Conversations.GetValueOrDefault(conversationId);
        var record = open is null ? await Archive.FindAsync(SiteId, conversationId) : null;
        var conversation = open ?? record?.Conversation ?? throw NotFound(conversationId);
        if (conversation.VisitorId != visitor.UserId) throw ChatException.Forbidden("Only the conversation's visitor may rate it.");
        if (conversation.Status != SupportStatus.Resolved) throw ChatException.Conflict("The conversation is not resolved yet.");
        // A resolved conversation still in memory is in the archive as it is (it leaves the desk with the next save).
        record ??= await Archive.FindAsync(SiteId, conversationId);
        var rating = new SupportRating(score, comment, Now());
        if (record?.Rating is not null || !await Archive.RateAsync(SiteId, conversationId, rating))
        {
            throw ChatException.Conflict("The conversation is rated already; a rating is given once.");
        }
        return rating;
    }

    public async Task<SupportProfile> GetProfile(ChatUser agent, string conversationId)
    {
        RequireAgent(agent);
        IReadOnlyList<PageVisit> pages;
        SupportConversation conversation;
        if (Conversations.TryGetValue(conversationId, out var open))
        {
            (conversation, pages) = (open, [.. TrailOf(open).Pages]);
        }
        else
        {
            var record = await Archive.FindAsync(SiteId, conversationId) ?? throw NotFound(conversationId);
            (conversation, pages) = (record.Conversation, record.Pages);
        }
        var past = await Archive.ListOfVisitorAsync(SiteId, conversation.VisitorId, MaxPastConversations + 1);
        return new SupportProfile(
            conversation.VisitorId, conversation.VisitorName, conversation.VisitorEmail, pages,
            [.. past.Where(r => r.Conversation.ConversationId != conversationId).Take(MaxPastConversations)]);
    }

    private async Task<SupportConversation> ChangeLabelsAsync(
        ChatUser agent, string conversationId, Func<IReadOnlyList<string>, IReadOnlyList<string>> change)
    {
        RequireAgent(agent);
        if (Conversations.TryGetValue(conversationId, out var open) && open.Status != SupportStatus.Resolved)
        {
            var labels = change(open.Labels ?? []);
            if (labels.SequenceEqual(open.Labels ?? [])) return open;
            Change(open with { Labels = labels.Count == 0 ? null : labels });
            await SaveAndTellAsync();
            return Current(conversationId);
        }
        // Archived: the row changes alone, and no one is told (the console reads the archive again).
        var record = await Archive.FindAsync(SiteId, conversationId) ?? throw NotFound(conversationId);
        var archived = record.Conversation;
        var changed = change(archived.Labels ?? []);
        if (changed.SequenceEqual(archived.Labels ?? [])) return archived;
        var relabelled = archived with { Labels = changed.Count == 0 ? null : changed, Revision = NextRevision() };
        await Archive.SaveAsync(SiteId, [record with { Conversation = relabelled }]);
        return relabelled;
    }

    private static ChatException NotFound(string conversationId) => ChatException.NotFound($"Conversation '{conversationId}' does not exist.");
}
