using System.Text.RegularExpressions;

namespace OrleansChat.Contracts;

/// <summary>
/// A reply a site's agents keep at hand: typing <c>/shortcut</c> in the console puts its text in the composer.
/// The shortcut is a short slug, unique per site.
/// </summary>
[GenerateSerializer, Immutable]
public sealed partial record CannedResponse(string ResponseId, string Shortcut, string Text, DateTimeOffset UpdatedAt)
{
    public const int MaxShortcutLength = 32;

    public const int MaxTextLength = 2000;

    /// <summary>Canned responses a site keeps at most: the console lists them whole.</summary>
    public const int MaxPerSite = 500;

    /// <summary>Lowercase letters, digits, '-' and '_', starting with a letter or digit: what follows the '/' as typed.</summary>
    public static bool IsShortcut(string? shortcut) => shortcut is not null && ShortcutPattern().IsMatch(shortcut);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortcutPattern();
}
