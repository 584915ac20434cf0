using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Grains.Mail;

namespace OrleansChat.Grains.Support.Desk;

// When no one is there: availability, the visitor's e-mail address, and the mail that follows the desk's changes.
public sealed partial class SupportDeskGrain : ISupportDeskOffline
{
    /// <summary>The most messages a transcript carries (the latest ones).</summary>
    private const int MaxTranscriptMessages = 2000;

    private const int TranscriptPage = 200;

    private EmailOptions Email => ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;

    private ISupportHoursGrain Hours => GrainFactory.GetGrain<ISupportHoursGrain>(this.GetPrimaryKeyString());

    public async Task<SupportAvailability> GetAvailability()
    {
        var hours = await Hours.GetHours();
        var decision = await Hours.DecideAt(clock.GetUtcNow());
        var agentsOnline = Available.Count > 0;
        return new SupportAvailability(decision.Open && agentsOnline, decision.Open, agentsOnline, decision.Open ? null : decision.NextOpening,
            hours?.TimeZone, Email.IsConfigured);
    }

    /// <summary>The address may be left while the conversation is open or after it was resolved (answers are mailed either way).</summary>
    public async Task<SupportConversation> LeaveEmail(ChatUser visitor, string conversationId, string email, bool wantsTranscript)
    {
        if (!Email.IsConfigured) throw ChatException.Unavailable("This desk sends no e-mail.");
        if (!EmailAddresses.IsValid(email)) throw ChatException.Invalid("email must be an e-mail address.");
        var conversation = await RestoreAsync(visitor, conversationId) ?? throw NotFound(conversationId);
        if (visitor.UserId != conversation.VisitorId) throw ChatException.Forbidden("Only the conversation's visitor may leave their address.");
        if (conversation.VisitorEmail == email && conversation.WantsTranscript == wantsTranscript)
        {
            LetGoIfResolved(conversation);
            return conversation;
        }
        Change(conversation with { VisitorEmail = email, WantsTranscript = wantsTranscript });
        await SaveAndTellAsync();
        return Current(conversationId);
    }

    /// <summary>
    /// Someone other than the visitor wrote in the conversation: a visitor who left an address and was gone when it was
    /// stored gets it by e-mail. The desk hears of a message after it was stored (again after a room's reactivation), so
    /// being offline now is not enough: a visitor last seen after the message had it pushed, or caught up on it when their
    /// widget joined, and one who marked it read has read it; neither is mailed it. (Right after a silo restart a
    /// connected visitor's fresh user grain answers offline until their web node reports again: their read mark, kept
    /// with the room's members, still says what they read.)
    /// </summary>
    private async Task MailAnswerAsync(SupportConversation conversation, ChatMessage message)
    {
        if (conversation.VisitorEmail is null || !Email.IsConfigured) return;
        if (message.Kind != MessageKind.Text || message.SenderId == conversation.VisitorId || message.Text.Length == 0) return;
        var presence = await GrainFactory.GetGrain<IUserGrain>(conversation.VisitorId).GetPresence();
        if (presence.Status != PresenceStatus.Offline || presence.LastSeenAt?.ToUnixTimeMilliseconds() > message.SentAt.ToUnixTimeMilliseconds()) return;
        if (await VisitorHasReadAsync(conversation, message.Seq)) return;
        await QueueAsync([DeskMails.Answer(conversation, message, Email.ConsoleUrl)]);
    }

    /// <summary>Whether the visitor's read mark in the conversation's room has reached <paramref name="seq"/>.</summary>
    private async Task<bool> VisitorHasReadAsync(SupportConversation conversation, long seq)
    {
        try
        {
            var room = await GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId).Describe(conversation.VisitorId);
            return room.Members?.FirstOrDefault(m => m.UserId == conversation.VisitorId)?.ReadSeq >= seq;
        }
        catch (Exception exception)
        {
            // Unknown is unread: the answer is mailed rather than lost.
            logger.LogWarning(exception, "Reading whether the visitor of {ConversationId} read message {Seq} failed", conversation.ConversationId, seq);
            return false;
        }
    }

    /// <summary>
    /// After the desk stored changes: a conversation that started to wait in them while no agent is online alerts the
    /// agents (not one that waited before and changed otherwise); one resolved whose visitor asked for it mails the
    /// transcript. Mails are keyed by the change, so telling one twice (a reactivation) queues it once.
    /// </summary>
    private async Task QueueMailAfterAsync(IReadOnlyList<SupportConversation> changed, IReadOnlySet<string> startedWaiting)
    {
        if (!Email.IsConfigured) return;
        try
        {
            await QueueAsync(await MailAfterAsync(changed, startedWaiting));
        }
        catch (Exception exception)
        {
            // The change is stored and told: mail that cannot be made now costs the mail, never the request.
            logger.LogError(exception, "Making the mail of support desk {SiteId} failed", this.GetPrimaryKeyString());
        }
    }

    private async Task<IReadOnlyList<OutgoingMail>> MailAfterAsync(IReadOnlyList<SupportConversation> changed, IReadOnlySet<string> startedWaiting)
    {
        var mails = new List<OutgoingMail>();
        var waiting = changed.Where(c => c.Status == SupportStatus.Waiting && startedWaiting.Contains(c.ConversationId)).ToArray();
        if (waiting.Length > 0 && Available.Count == 0)
        {
            var addresses = await Hours.GetAlertAddresses();
            mails.AddRange(waiting.SelectMany(c => addresses.Select(to => DeskMails.Alert(c, to, Email.ConsoleUrl))));
        }
        foreach (var resolved in changed.Where(c => c.Status == SupportStatus.Resolved && c.WantsTranscript && c.VisitorEmail is not null))
        {
            mails.Add(DeskMails.Transcript(resolved, await ReadTranscriptAsync(resolved)));
        }
        return mails;
    }

    private async Task<IReadOnlyList<ChatMessage>> ReadTranscriptAsync(SupportConversation conversation)
    {
        var room = GrainFactory.GetGrain<IRoomGrain>(conversation.RoomId);
        var messages = new List<ChatMessage>();
        // Read as the visitor: the transcript holds what they may see and nothing else.
        var page = await room.GetMessages(conversation.VisitorId, new HistoryQuery(null, null, TranscriptPage));
        messages.InsertRange(0, page.Messages);
        while (page.HasMore && messages.Count < MaxTranscriptMessages && messages.Count > 0)
        {
            page = await room.GetMessages(conversation.VisitorId, new HistoryQuery(messages[0].Seq, null, TranscriptPage));
            messages.InsertRange(0, page.Messages);
        }
        return messages;
    }

    /// <summary>Queues durably; a failure is logged and costs the mail, never the visitor's or agent's request.</summary>
    private async Task QueueAsync(IReadOnlyList<OutgoingMail> mails)
    {
        if (mails.Count == 0) return;
        try
        {
            await ServiceProvider.GetRequiredService<IMailOutbox>().EnqueueAsync(mails);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Queueing {Count} mails of support desk {SiteId} failed", mails.Count, this.GetPrimaryKeyString());
        }
    }
}
