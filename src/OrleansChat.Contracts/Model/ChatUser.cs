namespace OrleansChat.Contracts;

/// <summary>
/// Who is calling: the identity the web tier read from the caller's token. Protocol shape <c>User</c>, plus the
/// site a visitor's or an agent's token belongs to (none for the host application's own users).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChatUser(string UserId, string DisplayName, UserRole Role, string? SiteId = null);
