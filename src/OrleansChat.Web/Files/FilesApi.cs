using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Files;

/// <summary>
/// Uploads and downloads of a room's files. Bytes go through this tier, never straight to the store, so that every
/// read is a room member's (or, for a public room, a signed-in user's) and every response is one a browser cannot
/// run: <c>nosniff</c>, a sandboxing policy, and only raster images inline.
/// </summary>
public static class FilesApi
{
    /// <summary>The upload's form, as the API description shows it (the handler reads the form itself, to refuse it well).</summary>
    public sealed record UploadForm(IFormFile File, string? ClientFileId);

    public static string PathOf(string roomId, string fileId) => $"/api/rooms/{Uri.EscapeDataString(roomId)}/files/{fileId}";

    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ChatLimits>>().Value;
        var files = app.MapGroup("/api/rooms/{roomId}/files").RequireAuthorization().WithTags("Files")
            // Room for the multipart framing around the largest file; a larger body is answered 413 unread.
            .WithBodyLimit(limits.MaxFileBytes + BodyLimits.Standard).RefusesNulText();
        files.MapPost("", UploadAsync).WithName("UploadFile").DisableAntiforgery()
            .WithSummary("Uploads one file (multipart/form-data, part 'file'; optional 'clientFileId' makes retries safe) for a message to carry.")
            .Accepts<UploadForm>("multipart/form-data").Produces<Attachment>(StatusCodes.Status201Created).Produces<Attachment>();
        files.MapGet("/{fileId}/link", LinkAsync).WithName("GetFileLink")
            .WithSummary("A short-lived link to the file (and its thumbnail) that works without a token, for <img> and downloads.")
            .Produces<FileLink>();
        // Signed links carry no token: the handlers check one or the other.
        files.MapGet("/{fileId}", DownloadAsync).WithName("DownloadFile").AllowAnonymous()
            .WithSummary("The file's bytes (ranges and ETag supported); images inline, everything else as a download.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent);
        files.MapGet("/{fileId}/thumbnail", DownloadThumbnailAsync).WithName("DownloadThumbnail").AllowAnonymous()
            .WithSummary("An image's preview: a JPEG at most 320 pixels on its longer side.")
            .Produces(StatusCodes.Status200OK, contentType: FileTypes.Jpeg);
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string roomId, HttpRequest request, ClaimsPrincipal principal, InputRules rules, UploadReader reader, IFileStore store,
        IGrainFactory grains, ChatAllowances allowances, CancellationToken cancellationToken)
    {
        rules.Id("roomId", roomId).ThrowIfInvalid();
        var uploader = principal.ToChatUser();
        await allowances.Messages.TakeAsync(uploader.UserId);
        var upload = await reader.ReadAsync(request, principal, rules, cancellationToken);
        // Recorded before its bytes are stored: bytes of an upload that failed half way are then an unsent file's,
        // which its retry completes or the sweep removes.
        var added = await grains.GetGrain<IRoomGrain>(roomId).AddFile(uploader, new NewFile(upload.Attachment, upload.ClientFileId));
        if (!added.Sent) await StoreAsync(store, added.Attachment.FileId, upload, cancellationToken);
        return added.Duplicate
            ? TypedResults.Ok(added.Attachment)
            : TypedResults.Created(PathOf(roomId, added.Attachment.FileId), added.Attachment);
    }

    private static async Task StoreAsync(IFileStore store, string fileId, PreparedUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(FileKeys.Original(fileId), new MemoryStream(upload.Content, writable: false), cancellationToken);
            if (upload.Thumbnail is not null)
            {
                await store.SaveAsync(FileKeys.Thumbnail(fileId), new MemoryStream(upload.Thumbnail, writable: false), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new FileStoreUnavailableException(exception);
        }
    }

    private static async Task<FileLink> LinkAsync(string roomId, string fileId, ClaimsPrincipal principal, IGrainFactory grains, FileLinks links)
    {
        var reader = principal.ToChatUser().UserId;
        var attachment = await FindAsync(grains, roomId, fileId, reader);
        return links.Create(roomId, attachment.FileId, reader, attachment.Thumbnail is not null);
    }

    private static Task<IResult> DownloadAsync(
        string roomId, string fileId, string? user, string? expires, string? signature, HttpContext context, IGrainFactory grains,
        FileLinks links, IFileStore store) =>
        ServeAsync(context, grains, links, store, roomId, fileId, (user, expires, signature), thumbnail: false);

    private static Task<IResult> DownloadThumbnailAsync(
        string roomId, string fileId, string? user, string? expires, string? signature, HttpContext context, IGrainFactory grains,
        FileLinks links, IFileStore store) =>
        ServeAsync(context, grains, links, store, roomId, fileId, (user, expires, signature), thumbnail: true);

    private static async Task<IResult> ServeAsync(
        HttpContext context, IGrainFactory grains, FileLinks links, IFileStore store, string roomId, string fileId,
        (string? User, string? Expires, string? Signature) link, bool thumbnail)
    {
        var reader = context.User.Identity?.IsAuthenticated == true
            ? context.User.ToChatUser().UserId
            : link.Signature is null ? null : links.Reader(roomId, fileId, link.User, link.Expires, link.Signature);
        if (reader is null)
        {
            return link.Signature is null
                ? TypedResults.Unauthorized()
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This link is not valid, or it expired: ask for a new one.");
        }
        var attachment = await FindAsync(grains, roomId, fileId, reader);
        if (thumbnail && attachment.Thumbnail is null) throw ChatException.NotFound($"File '{fileId}' has no thumbnail.");

        Stream? content;
        try
        {
            content = await store.OpenReadAsync(thumbnail ? FileKeys.Thumbnail(fileId) : FileKeys.Original(fileId), context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new FileStoreUnavailableException(exception);
        }
        if (content is null) throw ChatException.NotFound($"The bytes of file '{fileId}' are gone.");

        FileResponseHeaders.Apply(context.Response, attachment, thumbnail);
        return TypedResults.Stream(content, thumbnail ? FileTypes.Jpeg : FileTypes.Served(attachment.ContentType),
            entityTag: new EntityTagHeaderValue($"\"{fileId}{(thumbnail ? "-thumbnail" : "")}\""), enableRangeProcessing: true);
    }

    private static async Task<Attachment> FindAsync(IGrainFactory grains, string roomId, string fileId, string reader)
    {
        // Ids that are not a file id name no file: refused before any grain is asked.
        if (!FileKeys.IsFileId(fileId)) throw ChatException.NotFound($"Room '{roomId}' has no file '{fileId}'.");
        return await grains.GetGrain<IRoomGrain>(roomId).GetFile(reader, fileId);
    }
}
