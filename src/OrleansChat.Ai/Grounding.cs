using Microsoft.Extensions.AI;

namespace OrleansChat.Ai;

/// <summary>How retrieved passages travel with a request: in the system prompt for a model, and as data for the knowledge-base client.</summary>
public static class Grounding
{
    private const string PassagesKey = "orleanschat.passages";

    public static ChatOptions With(IReadOnlyList<Passage> passages) =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [PassagesKey] = passages } };

    public static IReadOnlyList<Passage> PassagesOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PassagesKey, out var value) == true && value is IReadOnlyList<Passage> passages ? passages : [];

    public static ChatMessage SystemPrompt(string siteId, IReadOnlyList<Passage> passages)
    {
        var context = passages.Count == 0
            ? "No help page matches this question."
            : string.Join("\n\n", passages.Select(p => $"[{p.Source}] {p.Title}\n{p.Text}"));
        return new ChatMessage(ChatRole.System,
            $"You are the support assistant of the site '{siteId}'. Answer briefly and only from the help pages below, " +
            "naming the page you used in brackets. If they do not answer the question, say that you do not know and " +
            $"that the visitor can ask for a human. {RoomTranscript.Rule}\n\nHelp pages:\n{context}");
    }
}
