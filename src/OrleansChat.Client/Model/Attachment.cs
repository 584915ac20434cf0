namespace OrleansChat.Client;

/// <summary>An uploaded file as a message carries it.</summary>
public sealed record Attachment(
    string FileId,
    string FileName,
    string ContentType,
    long Size,
    int? Width = null,
    int? Height = null,
    ImageSize? Thumbnail = null);

public sealed record ImageSize(int Width, int Height);

/// <summary>Paths that open a file without a token until <c>ExpiresAt</c>.</summary>
public sealed record FileLink(string Url, string? ThumbnailUrl, DateTimeOffset ExpiresAt);
