namespace OrleansChat.Contracts;

/// <summary>Protocol shape <c>RoomBan</c>: someone kept out of a room until a moderator unbans them.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomBan(string UserId, string DisplayName, string BannedBy, DateTimeOffset BannedAt);
