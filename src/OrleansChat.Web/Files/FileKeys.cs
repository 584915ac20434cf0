namespace OrleansChat.Web.Files;

/// <summary>
/// Store keys of a file and of its thumbnail. File ids are the server's (32 hex digits), so a key is never a path
/// a caller chose.
/// </summary>
public static class FileKeys
{
    public static string Original(string fileId) => Checked(fileId);

    public static string Thumbnail(string fileId) => Checked(fileId) + "-thumbnail";

    /// <summary>A new file id: 32 lowercase hex digits, time-ordered.</summary>
    public static string NewFileId() => Guid.CreateVersion7().ToString("N");

    public static bool IsFileId(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    private static string Checked(string fileId) =>
        IsFileId(fileId) ? fileId : throw new ArgumentException($"'{fileId}' is not a file id.", nameof(fileId));
}
