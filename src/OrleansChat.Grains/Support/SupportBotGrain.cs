using Microsoft.Extensions.Logging;
using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// Answers a visitor for the desk. Asking twice is safe: a message already followed by a reply (the assistant's or
/// an agent's) is not answered again, which is what lets the desk ask again after a restart.
/// </summary>
public sealed class SupportBotGrain(ISupportAssistant assistant, ILogger<SupportBotGrain> logger) : Grain, ISupportBotGrain
{
    public async Task Answer(string siteId, ChatUser visitor, long visitorSeq)
    {
        var roomId = this.GetPrimaryKeyString();
        try
        {
            var after = await GrainFactory.GetGrain<IRoomGrain>(roomId).GetMessages(visitor.UserId, new HistoryQuery(null, visitorSeq, 20));
            if (after.Messages.Any(m => m.SenderId != visitor.UserId)) return;
            if (!assistant.TryTakeAnswer(visitor.UserId))
            {
                // The visitor's AI allowance is spent: no answer, as for their own AI requests; a human is a click away.
                logger.LogInformation("The support bot skipped a question in room {RoomId}: the visitor's assistant allowance is spent", roomId);
                return;
            }
            await assistant.AnswerAsync(visitor, roomId, siteId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The visitor's message is stored either way; they can still ask for a human.
            logger.LogWarning(exception, "The support bot could not answer in room {RoomId}", roomId);
        }
    }
}
