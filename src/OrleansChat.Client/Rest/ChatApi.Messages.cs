using System.Net;
using System.Net.Http.Json;

namespace OrleansChat.Client;

public sealed partial class ChatApi
{
    /// <summary>
    /// <c>GET /api/rooms/{roomId}/messages</c>: <paramref name="after"/> fills a gap, <paramref name="before"/>
    /// scrolls back, neither gives the latest page.
    /// </summary>
    public Task<MessagePage> GetMessagesAsync(string roomId, long? before = null, long? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<MessagePage>(HttpMethod.Get,
            $"/api/rooms/{Segment(roomId)}/messages" + Query(("before", before), ("after", after), ("limit", limit)), null, cancellationToken);

    /// <summary>
    /// <c>POST /api/rooms/{roomId}/messages</c> once: the stored message, <c>Duplicate</c> when that
    /// <paramref name="clientMessageId"/> was accepted before (a retry). <see cref="ChatConnection.SendAsync"/> retries for you.
    /// </summary>
    public async Task<SentMessage> SendMessageAsync(string roomId, string clientMessageId, string text, IReadOnlyList<string>? fileIds = null,
        long? replyTo = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(HttpMethod.Post, $"/api/rooms/{Segment(roomId)}/messages",
            ChatHttp.Json(new { clientMessageId, text, fileIds, replyTo }), cancellationToken);
        var message = await response.Content.ReadFromJsonAsync<ChatMessage>(ChatJson.Options, cancellationToken)
            ?? throw new InvalidDataException("The send answered no message.");
        return new SentMessage(message, response.StatusCode == HttpStatusCode.OK);
    }

    /// <summary><c>PUT /api/rooms/{roomId}/messages/{seq}</c>: edits the caller's own text message.</summary>
    public Task<ChatMessage> EditMessageAsync(string roomId, long seq, string text, CancellationToken cancellationToken = default) =>
        _http.SendAsync<ChatMessage>(HttpMethod.Put, $"/api/rooms/{Segment(roomId)}/messages/{seq}", ChatHttp.Json(new { text }), cancellationToken);

    /// <summary><c>DELETE /api/rooms/{roomId}/messages/{seq}</c>: leaves a tombstone.</summary>
    public Task<ChatMessage> DeleteMessageAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
        _http.SendAsync<ChatMessage>(HttpMethod.Delete, $"/api/rooms/{Segment(roomId)}/messages/{seq}", null, cancellationToken);

    /// <summary><c>PUT</c> (<paramref name="reacted"/>) or <c>DELETE /api/rooms/{roomId}/messages/{seq}/reactions/{emoji}</c>.</summary>
    public Task<ChatMessage> SetReactionAsync(string roomId, long seq, string emoji, bool reacted, CancellationToken cancellationToken = default) =>
        _http.SendAsync<ChatMessage>(reacted ? HttpMethod.Put : HttpMethod.Delete,
            $"/api/rooms/{Segment(roomId)}/messages/{seq}/reactions/{Segment(emoji)}", null, cancellationToken);

    /// <summary><c>GET /api/rooms/{roomId}/changes</c>: the changes after the change seq <paramref name="after"/>, in order.</summary>
    public Task<ChangePage> GetChangesAsync(string roomId, long after, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<ChangePage>(HttpMethod.Get, $"/api/rooms/{Segment(roomId)}/changes" + Query(("after", after), ("limit", limit)), null, cancellationToken);
}

/// <summary>A message stored by a REST send; <c>Duplicate</c>: it had been stored by an earlier try.</summary>
public sealed record SentMessage(ChatMessage Message, bool Duplicate);
