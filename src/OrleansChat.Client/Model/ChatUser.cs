namespace OrleansChat.Client;

/// <summary>Who a token speaks for. <c>Role</c> is <c>member</c>, <c>agent</c>, <c>admin</c> or <c>visitor</c>.</summary>
public sealed record ChatUser(string UserId, string DisplayName, string Role, string? SiteId = null);

/// <summary>An access token as <c>POST /api/auth/token</c> and <c>/api/auth/refresh</c> issue it.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, ChatUser User);
