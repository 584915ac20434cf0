using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Ai;

/// <summary>Each site's knowledge base, loaded from its directory on first use.</summary>
public sealed class KnowledgeBases(IOptions<AiOptions> options, IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, KnowledgeBase> _loaded = new(StringComparer.Ordinal);

    public KnowledgeBase For(string siteId) => _loaded.GetOrAdd(siteId, Load);

    private KnowledgeBase Load(string siteId)
    {
        var directory = options.Value.KnowledgeBases.TryGetValue(siteId, out var configured)
            ? Path.Combine(environment.ContentRootPath, configured)
            : Path.Combine(environment.ContentRootPath, "KnowledgeBase", siteId);
        return Directory.Exists(directory) ? KnowledgeBase.Load(directory) : KnowledgeBase.Empty;
    }
}
