using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Support;

/// <summary>The input limits of canned responses and private notes.</summary>
public static class SupportRules
{
    public static InputRules Shortcut(this InputRules rules, string? shortcut) =>
        rules.Require(CannedResponse.IsShortcut(shortcut), "shortcut",
            $"shortcut must be 1-{CannedResponse.MaxShortcutLength} characters of a-z, 0-9, '-' or '_', starting with a letter or digit.");

    public static InputRules CannedText(this InputRules rules, string? text)
    {
        var length = text?.Trim().Length ?? 0;
        return rules.Require(length is > 0 and <= CannedResponse.MaxTextLength, "text",
            $"text must be 1-{CannedResponse.MaxTextLength} characters after trimming (it has {length}).");
    }

    /// <summary>A note is as long as a message may be.</summary>
    public static InputRules NoteText(this InputRules rules, string? text) => rules.MessageText(text);
}
