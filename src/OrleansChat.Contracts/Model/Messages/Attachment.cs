namespace OrleansChat.Contracts;

/// <summary>
/// A file in a room: uploaded by a member (<c>POST /api/rooms/{roomId}/files</c>), then carried by a message. Files
/// never change once stored, so <see cref="FileId"/> names the bytes. <see cref="Width"/> and <see cref="Height"/>
/// are an image's, as shown (EXIF orientation applied); <see cref="Thumbnail"/> is the size of its preview, when
/// there is one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Attachment(
    string FileId,
    string FileName,
    string ContentType,
    long Size,
    int? Width = null,
    int? Height = null,
    ImageSize? Thumbnail = null);

/// <summary>An image's size in pixels.</summary>
[GenerateSerializer, Immutable]
public sealed record ImageSize(int Width, int Height);
