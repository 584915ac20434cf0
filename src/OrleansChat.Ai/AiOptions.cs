namespace OrleansChat.Ai;

/// <summary>The assistant's settings, under <c>Chat:Ai</c>.</summary>
public sealed class AiOptions
{
    public const string SectionName = "Chat:Ai";
    public const string KnowledgeBaseProvider = "KnowledgeBase";
    public const string OpenAiProvider = "OpenAI";

    /// <summary><c>KnowledgeBase</c> (no model: the best passage, with its source) or <c>OpenAI</c> (any compatible endpoint).</summary>
    public string Provider { get; set; } = KnowledgeBaseProvider;

    /// <summary>The OpenAI-compatible base URL, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c> (Ollama).</summary>
    public Uri? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How long one answer may take, streamed or not.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>AI calls per user per minute (across the cluster); the support bot's answers per visitor per minute (per silo).</summary>
    public int RequestsPerMinute { get; set; } = 20;

    /// <summary>Knowledge base directories by site id, relative to the binaries' directory; <c>demo</c> ships with the web tier and the silo.</summary>
    public Dictionary<string, string> KnowledgeBases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The site whose knowledge base serves callers whose token names none.</summary>
    public string DefaultSite { get; set; } = "demo";

    /// <summary>Passages scoring below this do not count as an answer (BM25 score).</summary>
    public double MinimumScore { get; set; } = 1.5;

    /// <summary>Bot first: the assistant answers visitors in their support rooms while no human has the conversation (on the silo, driven by the desk).</summary>
    public bool SupportBot { get; set; } = true;

    /// <summary>How many passages ground an answer.</summary>
    public int PassageCount { get; set; } = 3;
}
