using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OrleansChat.Ai;

/// <summary>
/// The assistant with no model: it answers with the best passage the retrieval found and names its source, and
/// says plainly when the knowledge base has nothing on the question.
/// </summary>
public sealed class KnowledgeBaseChatClient : IChatClient
{
    /// <summary>Between two words of an answer: about the pace at which a hosted model writes.</summary>
    private static readonly TimeSpan PieceInterval = TimeSpan.FromMilliseconds(20);

    public const string NoAnswer = "I don't know the answer to that from our help pages. You can ask for a human to help you.";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(options))));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Word by word, so the caller's streaming path is the same as with a model, and at a model's pace: an answer
        // whose pieces all come at once reaches the chat as one stored message, never seen to grow.
        foreach (var word in Answer(options).Split(' '))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
            await Task.Delay(PieceInterval, cancellationToken);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static string Answer(ChatOptions? options) =>
        Grounding.PassagesOf(options) is [var best, ..] ? $"{best.Text}\n\nSource: {best.Title} ({best.Source})" : NoAnswer;
}
