using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// The desk keeps open conversations only: every change is written to the archive first, and a resolved
// conversation then leaves the desk's state, so that its size follows the open conversations, not the years.
public sealed partial class SupportDeskGrain
{
    /// <summary>Legacy resolved conversations moved to the archive per transaction when a stored desk is first activated.</summary>
    private const int ArchiveBatchSize = 500;

    /// <summary>Resolved conversations that left the desk in the last save, as they were told.</summary>
    private readonly Dictionary<string, SupportConversation> _archived = new(StringComparer.Ordinal);

    private ISupportArchive Archive => ServiceProvider.GetRequiredService<ISupportArchive>();

    private string SiteId => this.GetPrimaryKeyString();

    /// <summary>Now, to the millisecond the archive keeps, so that a conversation reads back as it was written.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// A desk stored before the archive held its resolved conversations in its state: they move out now, once. One the
    /// archive holds already is there as it was last changed (the desk writes there first), and the copy here may be
    /// older: before faa4c78 a visitor's return kept a resolved conversation here while agents relabelled it there.
    /// </summary>
    private async Task ArchiveResolvedAsync(CancellationToken cancellationToken)
    {
        var resolved = Conversations.Values.Where(c => c.Status == SupportStatus.Resolved).Select(c => c.ConversationId).ToArray();
        if (resolved.Length == 0) return;
        foreach (var batch in resolved.Chunk(ArchiveBatchSize))
        {
            await Archive.AddMissingAsync(SiteId, batch.Select(RecordOf).ToArray(), cancellationToken);
        }
        Forget(resolved);
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>The conversation as it is now: open in memory, or as the last save archived it.</summary>
    private SupportConversation Current(string conversationId) =>
        Conversations.TryGetValue(conversationId, out var open) ? open : _archived[conversationId];

    /// <summary>
    /// Writes a conversation to the archive and the desk's state, in that order, without telling anyone; a resolved
    /// one then stays in the archive alone.
    /// </summary>
    private async Task StoreAsync(string conversationId)
    {
        try
        {
            await Archive.SaveAsync(SiteId, [RecordOf(conversationId)]);
            LetGoIfResolved(Conversations[conversationId]);
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            throw StorageFailed(exception);
        }
    }

    /// <summary>
    /// A resolved conversation brought back from the archive only to be read or written there is let go again: a copy
    /// kept here would later be written over what changed in the archive meanwhile (an agent's labels).
    /// </summary>
    private void LetGoIfResolved(SupportConversation conversation)
    {
        if (conversation.Status == SupportStatus.Resolved) Forget([conversation.ConversationId]);
    }

    /// <summary>
    /// Archives the conversations changed since the last save; the resolved ones leave the desk's state (with any
    /// a visitor looked at without writing, which are in the archive as they are).
    /// </summary>
    private async Task ArchiveChangedAsync()
    {
        _archived.Clear();
        await Archive.SaveAsync(SiteId, _untold.Where(Conversations.ContainsKey).Select(RecordOf).ToArray());
        var resolved = Conversations.Values.Where(c => c.Status == SupportStatus.Resolved).Select(c => c.ConversationId).ToArray();
        foreach (var id in resolved) _archived[id] = Conversations[id];
        Forget(resolved);
    }

    private void Forget(IEnumerable<string> conversationIds)
    {
        foreach (var id in conversationIds)
        {
            Conversations.Remove(id);
            state.State.Trails.Remove(id);
        }
    }

    /// <summary>
    /// Brings an archived conversation back among the open ones (still as it was, resolved: the caller moves it);
    /// null when it is not in the archive either. Only the visitor or the site's agents may.
    /// </summary>
    private async Task<SupportConversation?> RestoreAsync(ChatUser? requester, string conversationId)
    {
        if (Conversations.TryGetValue(conversationId, out var open)) return open;
        if (await Archive.FindAsync(SiteId, conversationId) is not { } record) return null;
        if (requester is not null) RequireParticipant(requester, record.Conversation);
        Conversations[conversationId] = record.Conversation;
        state.State.Trails[conversationId] = SupportTrail.Of(record);
        return record.Conversation;
    }

    /// <summary>An archived conversation, left in the archive; null when there is none. Only the visitor or the site's agents may.</summary>
    private async Task<SupportConversation?> ArchivedOfAsync(ChatUser requester, string conversationId) =>
        await Archive.FindAsync(SiteId, conversationId) is { } record ? RequireParticipant(requester, record.Conversation) : null;

    /// <summary>The trail of an open conversation; one stored before trails existed starts from where it stands.</summary>
    private SupportTrail TrailOf(SupportConversation conversation)
    {
        if (!state.State.Trails.TryGetValue(conversation.ConversationId, out var trail))
        {
            trail = new SupportTrail { History = [new SupportStatusChange(conversation.Status, conversation.AgentId, conversation.StatusSince)] };
            if (conversation.Page is { } page) trail.Visited(page, conversation.StatusSince);
            state.State.Trails[conversation.ConversationId] = trail;
        }
        return trail;
    }

    private SupportRecord RecordOf(string conversationId)
    {
        var conversation = Conversations[conversationId];
        var trail = TrailOf(conversation);
        return new SupportRecord(conversation, [.. trail.History], [.. trail.Pages], Rating: null);
    }
}
