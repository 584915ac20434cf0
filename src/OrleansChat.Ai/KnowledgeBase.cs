namespace OrleansChat.Ai;

/// <summary>
/// A site's knowledge base: its Markdown files, split into passages at headings (<c>#</c> to <c>###</c>), with a
/// BM25 index over them.
/// </summary>
public sealed class KnowledgeBase
{
    private KnowledgeBase(IReadOnlyList<Passage> passages)
    {
        Passages = passages;
        Index = new Bm25Index(passages.Select(p => $"{p.Title} {p.Title} {p.Text}").ToArray());
    }

    public IReadOnlyList<Passage> Passages { get; }

    private Bm25Index Index { get; }

    public static KnowledgeBase Empty { get; } = new([]);

    /// <summary>Reads every <c>*.md</c> file in a directory (not recursively), in name order.</summary>
    public static KnowledgeBase Load(string directory) => new(Directory.EnumerateFiles(directory, "*.md")
        .Order(StringComparer.Ordinal)
        .SelectMany(file => Split(File.ReadAllLines(file), Path.GetFileName(file)))
        .ToArray());

    /// <summary>The best passages for a question, best first, with their scores; empty when nothing matches.</summary>
    public IReadOnlyList<(Passage Passage, double Score)> Search(string question, int count) =>
        Index.Rank(question).Take(count).Select(hit => (Passages[hit.Document], hit.Score)).ToArray();

    private static IEnumerable<Passage> Split(string[] lines, string file)
    {
        string? title = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('#') && line.TrimStart('#').StartsWith(' ') && line.TakeWhile(c => c == '#').Count() <= 3)
            {
                if (Passage() is { } passage) yield return passage;
                title = line.TrimStart('#').Trim();
                body.Clear();
            }
            else
            {
                body.Add(line);
            }
        }
        if (Passage() is { } last) yield return last;

        Passage? Passage()
        {
            var text = Paragraphs(body);
            return title is null || text.Length == 0 ? null : new Passage(title, text, $"{file}#{Slug(title)}");
        }
    }

    /// <summary>As Markdown reads: lines within a paragraph join with spaces; blank lines separate paragraphs.</summary>
    private static string Paragraphs(IEnumerable<string> lines) => string.Join("\n\n", string.Join('\n', lines)
        .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(paragraph => string.Join(' ', paragraph.Split('\n', StringSplitOptions.TrimEntries))));

    private static string Slug(string title) =>
        string.Join('-', Bm25Index.Words(title));
}
