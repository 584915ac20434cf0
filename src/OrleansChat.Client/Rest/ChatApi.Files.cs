using System.Net.Http.Headers;

namespace OrleansChat.Client;

public sealed partial class ChatApi
{
    /// <summary>
    /// <c>POST /api/rooms/{roomId}/files</c>: uploads one file for a message to carry (pass its <c>FileId</c> to a
    /// send). With <paramref name="clientFileId"/> a retry returns the same file.
    /// </summary>
    public Task<Attachment> UploadFileAsync(string roomId, Stream content, string fileName, string? clientFileId = null, CancellationToken cancellationToken = default)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (clientFileId is not null) form.Add(new StringContent(clientFileId), "clientFileId");
        return _http.SendAsync<Attachment>(HttpMethod.Post, $"/api/rooms/{Segment(roomId)}/files", form, cancellationToken);
    }

    /// <summary><c>GET /api/rooms/{roomId}/files/{fileId}</c>: the file's bytes and content type.</summary>
    public async Task<DownloadedFile> DownloadFileAsync(string roomId, string fileId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(HttpMethod.Get, $"/api/rooms/{Segment(roomId)}/files/{Segment(fileId)}", null, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new DownloadedFile(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream");
    }

    /// <summary><c>GET /api/rooms/{roomId}/files/{fileId}/link</c>: paths that open the file without a token for a while.</summary>
    public Task<FileLink> GetFileLinkAsync(string roomId, string fileId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<FileLink>(HttpMethod.Get, $"/api/rooms/{Segment(roomId)}/files/{Segment(fileId)}/link", null, cancellationToken);
}

/// <summary>A downloaded file.</summary>
public sealed record DownloadedFile(byte[] Content, string ContentType);
