using System.Text.RegularExpressions;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Finds the members a text names as <c>@userId</c>. An id runs on while it has id characters, and punctuation that
/// ends a sentence ("thanks @bob.") is not part of it unless a member's id has it.
/// </summary>
internal static partial class MentionParser
{
    public static IReadOnlyList<string>? Find(string text, Func<string, bool> isMember)
    {
        if (!text.Contains('@')) return null;
        var found = new List<string>();
        foreach (Match match in Candidate().Matches(text))
        {
            var id = match.Groups[1].Value;
            while (id.Length > 0 && !isMember(id) && ".:-".Contains(id[^1])) id = id[..^1];
            if (id.Length > 0 && isMember(id) && !found.Contains(id, StringComparer.Ordinal)) found.Add(id);
        }
        return found.Count > 0 ? found : null;
    }

    // Not after a word character: "mail@example.com" names nobody.
    [GeneratedRegex(@"(?<![\w@])@([A-Za-z0-9._:-]{1,64})")]
    private static partial Regex Candidate();
}
