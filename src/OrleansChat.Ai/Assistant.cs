using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OrleansChat.Ai;

/// <summary>
/// Answers a conversation through the configured <see cref="IChatClient"/>, grounded in the best passages of the
/// site's knowledge base. Runs in the web tier and on the silo (in a conversation's own bot grain), never in a turn
/// of a grain others wait on. The caller's cancellation reaches the provider; a provider that fails or times out is
/// reported as <c>unavailable</c>.
/// </summary>
public sealed class Assistant(IChatClient client, KnowledgeBases knowledgeBases, IOptions<AiOptions> options, ILogger<Assistant> logger)
{
    public async IAsyncEnumerable<string> StreamAsync(
        string siteId, IReadOnlyList<AiMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (messages, chatOptions) = Ground(siteId, conversation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        await using var updates = client.GetStreamingResponseAsync(messages, chatOptions, timeout.Token).GetAsyncEnumerator(timeout.Token);
        while (true)
        {
            string text;
            try
            {
                if (!await updates.MoveNextAsync()) yield break;
                text = WithoutNul(updates.Current.Text);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not ChatException)
            {
                throw Unavailable(exception, timedOut: timeout.IsCancellationRequested);
            }
            if (text.Length > 0) yield return text;
        }
    }

    public async Task<string> AnswerAsync(string siteId, IReadOnlyList<AiMessage> conversation, CancellationToken cancellationToken)
    {
        var (messages, chatOptions) = Ground(siteId, conversation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            return WithoutNul((await client.GetResponseAsync(messages, chatOptions, timeout.Token)).Text);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not ChatException)
        {
            throw Unavailable(exception, timedOut: timeout.IsCancellationRequested);
        }
    }

    /// <summary>
    /// The model's text without U+0000: the chat takes no text holding it (PostgreSQL cannot store it), and a model's
    /// answer is stored as a message; the character carries nothing a reader would see.
    /// </summary>
    private static string WithoutNul(string text) => text.Contains('\0') ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private (List<AiMessage> Messages, ChatOptions Options) Ground(string siteId, IReadOnlyList<AiMessage> conversation)
    {
        var question = conversation.LastOrDefault(m => m.Role == ChatRole.User) is { } asked ? RoomTranscript.TextOf(asked) : "";
        var passages = knowledgeBases.For(siteId).Search(question, options.Value.PassageCount)
            .Where(hit => hit.Score >= options.Value.MinimumScore)
            .Select(hit => hit.Passage)
            .ToArray();
        return ([Grounding.SystemPrompt(siteId, passages), .. conversation.Where(m => m.Role != ChatRole.System)], Grounding.With(passages));
    }

    private ChatException Unavailable(Exception exception, bool timedOut)
    {
        logger.LogWarning(exception, "The AI provider failed{TimedOut}", timedOut ? " (timed out)" : "");
        return ChatException.Unavailable(timedOut ? "The AI provider did not answer in time." : "The AI provider is unavailable. Try again later.");
    }
}
