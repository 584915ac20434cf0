using System.Text.RegularExpressions;

namespace OrleansChat.Ai;

/// <summary>
/// Okapi BM25 over a small set of documents: a term counts more the rarer it is across documents and the more
/// often it appears in a document, with diminishing returns, normalised by document length.
/// </summary>
public sealed partial class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Words too common to tell passages apart.
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "have", "how", "i", "if",
        "in", "is", "it", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "there", "this", "to",
        "up", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    ];

    private readonly Dictionary<string, int>[] _termCounts;
    private readonly int[] _lengths;
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<string> documents)
    {
        _termCounts = documents.Select(d => Terms(d).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count())).ToArray();
        _lengths = _termCounts.Select(c => c.Values.Sum()).ToArray();
        _averageLength = _lengths.Length == 0 ? 0 : _lengths.Average();
        foreach (var term in _termCounts.SelectMany(c => c.Keys).Distinct())
        {
            var containing = _termCounts.Count(c => c.ContainsKey(term));
            _idf[term] = Math.Log(1 + (documents.Count - containing + 0.5) / (containing + 0.5));
        }
    }

    /// <summary>Documents that share a term with the query, best first.</summary>
    public IEnumerable<(int Document, double Score)> Rank(string query)
    {
        var terms = Terms(query).Distinct().Where(_idf.ContainsKey).ToArray();
        return Enumerable.Range(0, _termCounts.Length)
            .Select(d => (Document: d, Score: terms.Sum(term => Score(term, d))))
            .Where(hit => hit.Score > 0)
            .OrderByDescending(hit => hit.Score);
    }

    /// <summary>Lower-case words and numbers, as the index sees text.</summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    private static IEnumerable<string> Terms(string text) => Words(text).Where(w => !StopWords.Contains(w)).Select(Stem);

    /// <summary>A light stemmer: enough to match "returns" with "return" and "shipping" with "ship".</summary>
    private static string Stem(string word) => word switch
    {
        _ when word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) => Undouble(word[..^3]),
        _ when word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) => word[..^3] + "y",
        _ when word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) => word[..^1],
        _ => word,
    };

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && !"aeiou".Contains(stem[^1]) ? stem[..^1] : stem;

    private double Score(string term, int document)
    {
        if (!_termCounts[document].TryGetValue(term, out var frequency)) return 0;
        var norm = K1 * (1 - B + B * _lengths[document] / _averageLength);
        return _idf[term] * frequency * (K1 + 1) / (frequency + norm);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
