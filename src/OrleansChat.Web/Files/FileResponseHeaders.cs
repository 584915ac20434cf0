using Microsoft.Net.Http.Headers;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Files;

/// <summary>
/// The headers that keep a served file inert on our origin: only raster images are shown inline; everything else
/// (PDF, text, archives) is a download; the browser may not guess another type; and a policy forbids the response
/// any script, style, frame or plugin even if it were opened as a page.
/// </summary>
public static class FileResponseHeaders
{
    public static void Apply(HttpResponse response, Attachment attachment, bool thumbnail)
    {
        var inline = thumbnail || FileTypes.IsImage(attachment.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        // filename for old browsers, filename* (UTF-8) for the rest.
        disposition.SetHttpFileName(thumbnail ? "thumbnail.jpg" : attachment.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; sandbox";
        // A file never changes; it is cached by the reader only, since access to it can end.
        response.Headers.CacheControl = "private, max-age=3600";
    }
}
