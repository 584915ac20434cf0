using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support.Desk;

// What follows a message stored in a conversation's room. The room tells the desk of every one, at least once (again
// after a failed call), so hearing one twice must change nothing more: a message sent before the conversation's
// latest status does not reopen it, and the bot never answers a message twice.
public sealed partial class SupportDeskGrain
{
    /// <summary>A question the bot was asked longer ago than this is left to the visitor's next message, or a human.</summary>
    private static readonly TimeSpan AnswerStaleAfter = TimeSpan.FromMinutes(10);

    public async Task OnConversationMessage(string conversationId, ChatMessage message)
    {
        await PublishMessageCreatedAsync(conversationId, message);
        if (message.Kind == MessageKind.Assistant) await ForgetAnsweredAsync(conversationId, message.Seq);
        // Only a person's words can be the visitor's: an archived conversation is not read back for the others.
        if (message.Kind != MessageKind.Text) return;
        // An answer is mailed whether its conversation is open or resolved: one written just before the resolution
        // can be heard after it, and an agent may step in again after it.
        var known = Conversations.TryGetValue(conversationId, out var open) ? open : (await Archive.FindAsync(SiteId, conversationId))?.Conversation;
        if (known is not null && message.SenderId != known.VisitorId)
        {
            await MailAnswerAsync(known, message);
            return;
        }
        if (await RestoreAsync(requester: null, conversationId) is not { } conversation)
        {
            // A visitor's first message opens their conversation, as the widget's open would.
            if (!ChatUser.IsVisitorId(message.SenderId)) return;
            conversation = await Open(new ChatUser(message.SenderId, message.SenderName, UserRole.Visitor, this.GetPrimaryKeyString()), conversationId, null, null);
        }
        if (message.SenderId == conversation.VisitorId) await OnVisitorMessageAsync(conversation, message);
    }

    private async Task OnVisitorMessageAsync(SupportConversation conversation, ChatMessage message)
    {
        // Stored times have millisecond precision: a message of the same millisecond as the change counts as after it.
        var since = DateTimeOffset.FromUnixTimeMilliseconds(conversation.StatusSince.ToUnixTimeMilliseconds());
        if (message.SentAt >= since) await ReopenIfResolvedAsync(conversation);
        conversation = Conversations[conversation.ConversationId];
        // A message from before the resolution, told again, leaves the conversation resolved and in the archive.
        LetGoIfResolved(conversation);
        if (conversation.Status != SupportStatus.Bot) return;
        var siteId = this.GetPrimaryKeyString();
        if (!assistant.AnswersVisitors || !assistant.Covers(siteId, message.Text))
        {
            // Nothing in the help pages (or no bot at all): a human answers instead.
            Move(conversation, SupportStatus.Waiting, agentId: null);
            await AssignWaitingAsync();
            await SaveAndTellAsync();
            return;
        }
        state.State.AwaitedAnswers[conversation.ConversationId] = new AwaitedAnswer(message.Seq, clock.GetUtcNow());
        await WriteAwaitedAnswersAsync();
        await AskBotAsync(conversation, message.Seq);
    }

    private Task AskBotAsync(SupportConversation conversation, long visitorSeq) =>
        GrainFactory.GetGrain<ISupportBotGrain>(conversation.ConversationId).Answer(this.GetPrimaryKeyString(),
            new ChatUser(conversation.VisitorId, conversation.VisitorName, UserRole.Visitor, this.GetPrimaryKeyString()), visitorSeq);

    private async Task ForgetAnsweredAsync(string conversationId, long answerSeq)
    {
        if (state.State.AwaitedAnswers.TryGetValue(conversationId, out var awaited) && awaited.VisitorSeq < answerSeq)
        {
            state.State.AwaitedAnswers.Remove(conversationId);
            await WriteAwaitedAnswersAsync();
        }
    }

    /// <summary>
    /// On activation: asks the bot again for the answers it owed when the desk last stopped (its silo may have gone
    /// down mid-answer); the bot skips those it gave meanwhile. Stale ones, and conversations a human has now, are dropped.
    /// </summary>
    private async Task AskAgainForAwaitedAnswersAsync()
    {
        if (state.State.AwaitedAnswers.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var (conversationId, awaited) in state.State.AwaitedAnswers.ToArray())
        {
            if (Conversations.TryGetValue(conversationId, out var conversation) && conversation.Status == SupportStatus.Bot && now - awaited.AskedAt < AnswerStaleAfter)
            {
                await AskBotAsync(conversation, awaited.VisitorSeq);
            }
            else
            {
                state.State.AwaitedAnswers.Remove(conversationId);
            }
        }
        await WriteAwaitedAnswersAsync();
    }

    /// <summary>The bookkeeping of answers only: failing to store it must not keep the visitor from an answer.</summary>
    private async Task WriteAwaitedAnswersAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Storing the answers support desk {SiteId} awaits failed; they are not asked again after a restart", this.GetPrimaryKeyString());
        }
    }
}
