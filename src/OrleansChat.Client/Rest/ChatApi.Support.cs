namespace OrleansChat.Client;

public sealed partial class ChatApi
{
    /// <summary><c>POST /api/support/conversations</c> (a visitor): opens or resumes their conversation with the site's team.</summary>
    public Task<SupportConversation> OpenSupportConversationAsync(string siteId, string? topic = null, string? page = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<SupportConversation>(HttpMethod.Post, "/api/support/conversations", ChatHttp.Json(new { siteId, topic, page }), cancellationToken);

    /// <summary><c>GET /api/support/queue</c> (the site's agents): waiting and assigned conversations, oldest first.</summary>
    public Task<IReadOnlyList<SupportConversation>> GetSupportQueueAsync(string siteId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<IReadOnlyList<SupportConversation>>(HttpMethod.Get, "/api/support/queue" + Query(("siteId", siteId)), null, cancellationToken);

    /// <summary><c>POST .../handoff</c>: asks for a human.</summary>
    public Task<SupportConversation> HandOffAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<SupportConversation>(HttpMethod.Post, $"/api/support/conversations/{Segment(conversationId)}/handoff", null, cancellationToken);

    /// <summary><c>POST .../assign</c>: an agent takes the conversation, or transfers it to <paramref name="agentId"/>.</summary>
    public Task<SupportConversation> AssignAsync(string conversationId, string? agentId = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<SupportConversation>(HttpMethod.Post, $"/api/support/conversations/{Segment(conversationId)}/assign",
            ChatHttp.Json(new { agentId }), cancellationToken);

    /// <summary><c>POST .../resolve</c>: the visitor or an agent closes it.</summary>
    public Task<SupportConversation> ResolveAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<SupportConversation>(HttpMethod.Post, $"/api/support/conversations/{Segment(conversationId)}/resolve", null, cancellationToken);
}
