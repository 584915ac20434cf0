namespace OrleansChat.Contracts;

/// <summary>Who is calling: the identity the web tier read from the caller's token. Protocol shape <c>User</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ChatUser(string UserId, string DisplayName, UserRole Role);
