using System.Security.Claims;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Files;

/// <summary>
/// Reads one file from a <c>multipart/form-data</c> upload and decides whether it may be stored: its size, its type
/// from its bytes against the allowed list (the site's, else <c>Chat:Limits</c>'), and, for an image, its pixels.
/// Nothing is stored here: a refusal leaves no trace.
/// </summary>
public sealed class UploadReader(IOptions<ChatLimits> limits, WidgetSites sites, ImageFiles images)
{
    public const string FilePart = "file";
    public const string ClientFileIdField = "clientFileId";

    public async Task<PreparedUpload> ReadAsync(HttpRequest request, ClaimsPrincipal uploader, InputRules rules, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatException.UnsupportedType($"Upload a file as multipart/form-data, in a part named '{FilePart}'.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // A malformed body (no boundary, truncated parts, oversized headers): the client's mistake.
            throw ChatException.Invalid($"The multipart body could not be read: {exception.Message}");
        }

        var clientFileId = form[ClientFileIdField].ToString() is { Length: > 0 } given ? given : null;
        rules.Require(form.Files.Count == 1 && form.Files[0].Name == FilePart, FilePart, $"Send exactly one file, in a part named '{FilePart}'.")
            .Require(clientFileId is null || clientFileId.Length <= limits.Value.MaxClientMessageIdLength, ClientFileIdField,
                $"{ClientFileIdField} must be 1-{limits.Value.MaxClientMessageIdLength} characters.")
            .ThrowIfInvalid();
        var file = form.Files[0];
        if (file.Length == 0) throw ChatException.Invalid("The file is empty.");
        if (file.Length > limits.Value.MaxFileBytes)
        {
            throw ChatException.TooLarge($"A file may take {limits.Value.MaxFileBytes} bytes; this one takes {file.Length}.");
        }

        var bytes = new byte[file.Length];
        await using (var content = file.OpenReadStream())
        {
            await content.ReadExactlyAsync(bytes, cancellationToken);
        }
        var contentType = FileTypes.Detect(bytes);
        var allowed = AllowedTypes(uploader);
        if (contentType is null || !allowed.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            throw ChatException.UnsupportedType(
                $"Files of this kind ({contentType ?? "unknown"}, judged by their content) are not accepted here; accepted: {string.Join(", ", allowed)}.");
        }

        var name = FileNames.Clean(file.FileName, limits.Value.MaxFileNameLength);
        var fileId = FileKeys.NewFileId();
        if (!FileTypes.IsImage(contentType))
        {
            return new PreparedUpload(new Attachment(fileId, name, contentType, bytes.Length), clientFileId, bytes, Thumbnail: null);
        }
        var image = await images.ProcessAsync(bytes, contentType, limits.Value.MaxImagePixels, cancellationToken);
        var attachment = new Attachment(fileId, name, contentType, image.Content.Length, image.Width, image.Height, image.ThumbnailSize);
        return new PreparedUpload(attachment, clientFileId, image.Content, image.Thumbnail);
    }

    private string[] AllowedTypes(ClaimsPrincipal uploader) =>
        (uploader.FindFirstValue(ChatClaims.Site) is { } siteId ? sites.Find(siteId)?.AllowedFileTypes : null)
        ?? limits.Value.AllowedFileTypes
        ?? FileTypes.DefaultAllowed;
}
