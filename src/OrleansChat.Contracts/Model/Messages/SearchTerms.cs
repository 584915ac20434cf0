namespace OrleansChat.Contracts;

/// <summary>
/// What a search looks for: the words of what the user typed, split on white space, each of which a message must
/// hold. Nothing in the text is an operator: quotes, <c>*</c>, <c>-</c>, <c>OR</c>, <c>NEAR(</c> are text like
/// any other, and pieces without a letter or a digit are left out (they could match nothing); control characters
/// and broken UTF-16 separate pieces (no database takes them in a query). Each engine splits a
/// piece further as it splits messages (<c>e-mail</c> holds two words in SQLite's index, and three in PostgreSQL's).
/// </summary>
public sealed class SearchTerms
{
    /// <summary>More words than this is not a search anyone types; each one costs the database a lookup.</summary>
    public const int MaxTerms = 16;

    private SearchTerms(IReadOnlyList<string> terms) => Terms = terms;

    public IReadOnlyList<string> Terms { get; }

    /// <summary>The terms of <paramref name="text"/>, or null when it holds no letter or digit to look for.</summary>
    public static SearchTerms? Parse(string? text)
    {
        var terms = Separated(text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(piece => piece.Any(char.IsLetterOrDigit))
            .ToArray();
        return terms.Length == 0 ? null : new SearchTerms(terms);
    }

    /// <summary>The text with control characters and unpaired surrogates as spaces.</summary>
    private static string Separated(string text) => string.Create(text.Length, text, (chars, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < source.Length && char.IsLowSurrogate(source[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(source[i - 1]));
            chars[i] = char.IsControl(c) || !paired ? ' ' : c;
        }
    });
}
