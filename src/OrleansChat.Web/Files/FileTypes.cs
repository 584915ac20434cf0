using System.Text;

namespace OrleansChat.Web.Files;

/// <summary>
/// What an upload is, decided from its bytes alone: a file's name and the type its sender claims are never trusted,
/// so that a page renamed <c>.png</c> is recognised as a page. Markup (HTML, SVG, XML) is recognised in order to be
/// refused: served from our origin, it could run script.
/// </summary>
public static class FileTypes
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Zip = "application/zip";
    public const string Text = "text/plain";
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";
    public const string Xml = "application/xml";

    /// <summary>What may be uploaded unless <c>Chat:Limits:AllowedFileTypes</c> or a site says otherwise.</summary>
    public static readonly string[] DefaultAllowed = [Png, Jpeg, Gif, Webp, Pdf, Text, Zip];

    /// <summary>Raster images, decoded and re-encoded on upload: the only types ever shown inline.</summary>
    public static bool IsImage(string contentType) => contentType is Png or Jpeg or Gif or Webp;

    /// <summary>The <c>Content-Type</c> a file is served with: text was checked to be UTF-8 on upload, so it says so.</summary>
    public static string Served(string contentType) => contentType == Text ? "text/plain; charset=utf-8" : contentType;

    /// <summary>The content type of <paramref name="bytes"/>, or null when it is none this platform knows.</summary>
    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return Gif;
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        if (bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8)) return Zip;
        return DetectText(bytes);
    }

    /// <summary>Text is UTF-8 without control characters; markup in it makes it markup, wherever it starts.</summary>
    private static string? DetectText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (!System.Text.Unicode.Utf8.IsValid(bytes) || bytes.ContainsAnyInRange((byte)0, (byte)8) || bytes.ContainsAnyInRange((byte)14, (byte)31)
            || bytes.Contains((byte)0x7F))
        {
            return null;
        }
        // Browsers that sniff look at the start for tags; be stricter, and look at the first kilobytes for any.
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).TrimStart().ToLowerInvariant();
        if (head.StartsWith("<?xml", StringComparison.Ordinal)) return head.Contains("<svg", StringComparison.Ordinal) ? Svg : Xml;
        if (head.Contains("<svg", StringComparison.Ordinal)) return Svg;
        string[] pageMarks = ["<!doctype html", "<html", "<script", "<head", "<body", "<iframe", "<img", "<meta", "<a ", "<div", "<style", "<object", "<embed"];
        return pageMarks.Any(mark => head.Contains(mark, StringComparison.Ordinal)) ? Html : Text;
    }
}
