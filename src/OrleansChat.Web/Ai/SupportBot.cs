using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Web.Limits;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Ai;

/// <summary>
/// Bot first: when a visitor writes in their support room while the conversation is with the bot, the assistant
/// answers in the room; when the site's help pages have nothing on the question, it hands the visitor to a human
/// instead (the conversation waits for an agent). Without the bot (<c>Chat:Ai:SupportBot</c> false), a visitor's
/// message goes straight to the humans. Runs after the send is acknowledged, never holding it up.
/// </summary>
public sealed class SupportBot(
    RoomAssistant roomAssistant,
    KnowledgeBases knowledgeBases,
    IOptions<AiOptions> options,
    IGrainFactory grains,
    ChatAllowances allowances,
    IHostApplicationLifetime lifetime,
    ILogger<SupportBot> logger)
{
    /// <summary>Called for every newly stored message; acts on visitors' messages in their own support room.</summary>
    public void OnMessageStored(ChatUser sender, string? siteId, ChatMessage message)
    {
        if (sender.Role != UserRole.Visitor || siteId is null
            || ScopedIds.SupportRoomOf(sender.UserId) != message.RoomId) return;
        _ = Task.Run(() => AnswerAsync(sender, siteId, message), lifetime.ApplicationStopping);
    }

    private async Task AnswerAsync(ChatUser visitor, string siteId, ChatMessage message)
    {
        try
        {
            var desk = grains.GetGrain<ISupportDeskGrain>(siteId);
            var conversation = await desk.VisitorWrote(visitor, message.RoomId);
            if (conversation.Status != SupportStatus.Bot) return;
            var grounded = options.Value.SupportBot
                && knowledgeBases.For(siteId).Search(message.Text, 1) is [var best] && best.Score >= options.Value.MinimumScore;
            if (!grounded)
            {
                await desk.HandOff(visitor, conversation.ConversationId);
                return;
            }
            if (!allowances.BotAnswers.TryTake(visitor.UserId))
            {
                // The visitor's AI allowance is spent: no answer, as for their own AI requests; a human is a click away.
                logger.LogInformation("The support bot skipped a question in room {RoomId}: the visitor's assistant allowance is spent", message.RoomId);
                return;
            }
            await roomAssistant.AnswerAsync(visitor, message.RoomId, siteId, prompt: null, lifetime.ApplicationStopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The visitor's message is stored either way; they can still ask for a human.
            logger.LogWarning(exception, "The support bot could not answer in room {RoomId}", message.RoomId);
        }
    }
}
