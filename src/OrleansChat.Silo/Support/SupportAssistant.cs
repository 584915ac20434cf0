using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansChat.Ai;
using OrleansChat.Contracts;
using OrleansChat.Grains.Support;

namespace OrleansChat.Silo.Support;

/// <summary>
/// The support bot's assistant on the silo: the sites' knowledge bases decide whether a question is covered, and the
/// configured AI client answers into the room. Each visitor gets <c>Chat:Ai:RequestsPerMinute</c> answers a minute
/// on this silo, the limit their own AI requests have on a web node.
/// </summary>
public sealed class SupportAssistant(RoomAssistant roomAssistant, KnowledgeBases knowledgeBases, IOptions<AiOptions> options) : ISupportAssistant, IDisposable
{
    private readonly PartitionedRateLimiter<string> _answers = PartitionedRateLimiter.Create<string, string>(visitorId =>
        RateLimitPartition.GetFixedWindowLimiter(visitorId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));

    public bool AnswersVisitors => options.Value.SupportBot;

    public bool Covers(string siteId, string question) =>
        knowledgeBases.For(siteId).Search(question, 1) is [var best] && best.Score >= options.Value.MinimumScore;

    public bool TryTakeAnswer(string visitorId)
    {
        using var lease = _answers.AttemptAcquire(visitorId);
        return lease.IsAcquired;
    }

    public Task AnswerAsync(ChatUser visitor, string roomId, string siteId, CancellationToken cancellationToken) =>
        roomAssistant.AnswerAsync(visitor, roomId, siteId, prompt: null, cancellationToken);

    public void Dispose() => _answers.Dispose();
}
