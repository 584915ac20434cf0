namespace OrleansChat.Web.Files;

/// <summary>
/// A file name as shown and offered for download: the last segment of whatever path the client sent, without
/// control or invisible formatting characters (a right-to-left override makes <c>exe.pdf</c> out of <c>fdp.exe</c>).
/// </summary>
public static class FileNames
{
    public const string Fallback = "file";

    public static string Clean(string? name, int maxLength)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var kept = new string(last.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        // Never half of a surrogate pair.
        if (kept.Length > maxLength) kept = kept[..(char.IsHighSurrogate(kept[maxLength - 1]) ? maxLength - 1 : maxLength)];
        return kept is "" or "." or ".." ? Fallback : kept;
    }
}
