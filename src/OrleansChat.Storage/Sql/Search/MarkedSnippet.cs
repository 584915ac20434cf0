using System.Text;
using OrleansChat.Contracts;

namespace OrleansChat.Storage.Sql.Search;

/// <summary>
/// A snippet as the database writes it, each match between <see cref="Open"/> and <see cref="Close"/> (control
/// characters no one types), turned into plain text and the ranges that matched: clients never have to parse
/// markup out of text that users wrote. The marks themselves are dropped, and so would be those characters in a
/// message's own text.
/// </summary>
internal static class MarkedSnippet
{
    public const char Open = '\u0002';
    public const char Close = '\u0003';

    public static (string Text, IReadOnlyList<TextRange> Highlights) Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var highlights = new List<TextRange>();
        int? start = null;
        foreach (var c in marked)
        {
            if (c == Open)
            {
                start ??= text.Length;
            }
            else if (c == Close)
            {
                if (start is { } from && text.Length > from) highlights.Add(new TextRange(from, text.Length - from));
                start = null;
            }
            else
            {
                text.Append(c);
            }
        }
        return (text.ToString(), highlights);
    }
}
