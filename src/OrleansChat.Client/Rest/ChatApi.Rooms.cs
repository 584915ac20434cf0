namespace OrleansChat.Client;

public sealed partial class ChatApi
{
    /// <summary><c>GET /api/rooms</c>: the caller's rooms with their unread and mention counts.</summary>
    public Task<IReadOnlyList<Room>> ListRoomsAsync(CancellationToken cancellationToken = default) =>
        _http.SendAsync<IReadOnlyList<Room>>(HttpMethod.Get, "/api/rooms", null, cancellationToken);

    /// <summary><c>POST /api/rooms</c>: a group room owned by the caller; <paramref name="visibility"/> <c>public</c> or <c>private</c> (the default).</summary>
    public Task<Room> CreateRoomAsync(string name, string? roomId = null, string? visibility = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Room>(HttpMethod.Post, "/api/rooms", ChatHttp.Json(new { roomId, name, visibility }), cancellationToken);

    /// <summary><c>GET /api/rooms/{roomId}</c>: the room with its members.</summary>
    public Task<Room> GetRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Room>(HttpMethod.Get, $"/api/rooms/{Segment(roomId)}", null, cancellationToken);

    /// <summary><c>POST /api/rooms/{roomId}/members</c>: joins a public room yourself.</summary>
    public Task<Room> JoinRoomAsync(string roomId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Room>(HttpMethod.Post, $"/api/rooms/{Segment(roomId)}/members", ChatHttp.Json(new { }), cancellationToken);

    /// <summary><c>POST /api/rooms/{roomId}/members</c> with a user: the owner adds someone.</summary>
    public Task<Room> AddMemberAsync(string roomId, string userId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Room>(HttpMethod.Post, $"/api/rooms/{Segment(roomId)}/members", ChatHttp.Json(new { userId }), cancellationToken);

    /// <summary><c>DELETE /api/rooms/{roomId}/members/{userId}</c>: leave (your own id), or remove someone as the owner.</summary>
    public async Task RemoveMemberAsync(string roomId, string userId, CancellationToken cancellationToken = default)
    {
        using var _ = await _http.SendAsync(HttpMethod.Delete, $"/api/rooms/{Segment(roomId)}/members/{Segment(userId)}", null, cancellationToken);
    }

    /// <summary><c>POST /api/direct/{userId}</c>: the caller's direct room with that user, created on first use.</summary>
    public Task<Room> OpenDirectRoomAsync(string userId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Room>(HttpMethod.Post, $"/api/direct/{Segment(userId)}", null, cancellationToken);

    /// <summary><c>POST /api/rooms/{roomId}/read</c>: moves the caller's read cursor.</summary>
    public async Task MarkReadAsync(string roomId, long seq, CancellationToken cancellationToken = default)
    {
        using var _ = await _http.SendAsync(HttpMethod.Post, $"/api/rooms/{Segment(roomId)}/read", ChatHttp.Json(new { seq }), cancellationToken);
    }

    /// <summary><c>GET /api/users/{userId}/presence</c>.</summary>
    public Task<Presence> GetPresenceAsync(string userId, CancellationToken cancellationToken = default) =>
        _http.SendAsync<Presence>(HttpMethod.Get, $"/api/users/{Segment(userId)}/presence", null, cancellationToken);

    /// <summary><c>GET /api/search</c>: messages holding every word of <paramref name="q"/>, newest first.</summary>
    public Task<SearchPage> SearchAsync(string q, string? roomId = null, string? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _http.SendAsync<SearchPage>(HttpMethod.Get, "/api/search" + Query(("q", q), ("roomId", roomId), ("before", before), ("limit", limit)), null, cancellationToken);
}
