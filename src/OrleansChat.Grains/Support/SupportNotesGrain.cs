using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// A site's private notes. Stateless: the notes table holds them, the conversation's room says whose it is, and
/// the desk's channel carries them live to the site's agents (and to nobody else: no visitor listens there).
/// </summary>
[StatelessWorker]
public sealed class SupportNotesGrain(ISupportNoteStore store, TimeProvider clock, ILogger<SupportNotesGrain> logger) : Grain, ISupportNotesGrain
{
    private string SiteId => this.GetPrimaryKeyString();

    public async Task<SupportNote> Add(ChatUser agent, string conversationId, string text)
    {
        await RequireConversationAsync(agent, conversationId);
        var note = new SupportNote("n-" + Guid.NewGuid().ToString("N"), conversationId, agent.UserId, agent.DisplayName, text, clock.NowAsStored());
        if (!await store.AddAsync(SiteId, note))
        {
            throw ChatException.Invalid($"A conversation keeps at most {SupportNote.MaxPerConversation} notes.");
        }
        try
        {
            await GrainFactory.GetGrain<IRoomGrain>(SupportChannel.Of(SiteId)).PublishSupportNote(note);
        }
        catch (Exception exception)
        {
            // Stored, so acknowledged: a failure here would only make a retry write it twice. Consoles that missed
            // the push read it with the conversation's notes.
            logger.LogWarning(exception, "Telling the agents of site {SiteId} of note {NoteId} failed", SiteId, note.NoteId);
        }
        return note;
    }

    public async Task<IReadOnlyList<SupportNote>> List(ChatUser agent, string conversationId)
    {
        await RequireConversationAsync(agent, conversationId);
        return await store.ListAsync(SiteId, conversationId);
    }

    /// <summary>The caller works this site's desk, and the conversation is one of its (else it does not exist for them).</summary>
    private async Task RequireConversationAsync(ChatUser agent, string conversationId)
    {
        SiteAgents.Require(agent, SiteId);
        if (await GrainFactory.GetGrain<IRoomGrain>(conversationId).GetSupportSite() != SiteId)
        {
            throw ChatException.NotFound($"Conversation '{conversationId}' does not exist.");
        }
    }
}
