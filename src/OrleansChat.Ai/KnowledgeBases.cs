using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansChat.Ai;

/// <summary>
/// Each site's knowledge base, loaded from its directory on first use. Relative directories are read beside the
/// process's binaries, where the build puts the shipped ones: the web tier and the silo find the same files.
/// </summary>
public sealed class KnowledgeBases(IOptions<AiOptions> options)
{
    private readonly ConcurrentDictionary<string, KnowledgeBase> _loaded = new(StringComparer.Ordinal);

    public KnowledgeBase For(string siteId) => _loaded.GetOrAdd(siteId, Load);

    private KnowledgeBase Load(string siteId)
    {
        if (options.Value.KnowledgeBases.TryGetValue(siteId, out var configured))
        {
            return LoadFrom(Path.Combine(AppContext.BaseDirectory, configured));
        }
        // A site id comes from a token; "." and ".." are valid ids, and must not reach beyond the knowledge bases.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "KnowledgeBase"));
        var directory = Path.GetFullPath(Path.Combine(root, siteId));
        return Path.GetDirectoryName(directory) == root ? LoadFrom(directory) : KnowledgeBase.Empty;
    }

    private static KnowledgeBase LoadFrom(string directory) =>
        Directory.Exists(directory) ? KnowledgeBase.Load(directory) : KnowledgeBase.Empty;
}
