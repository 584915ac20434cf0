namespace OrleansChat.Client;

/// <summary>
/// A room this connection followed that its rejoin was refused for good (<see cref="ChatConnection.RoomRefused"/>):
/// <see cref="Refusal"/> says why, e.g. <c>forbidden</c> for a user removed or banned while the connection was away.
/// </summary>
public sealed record RoomRefused(string RoomId, ChatRequestException Refusal);
