namespace OrleansChat.Client;

/// <summary>
/// A room this connection followed that its rejoin was refused for good (<see cref="ChatConnection.RoomRefused"/>):
/// <see cref="Refusal"/> says why, <c>forbidden</c> for a user out of the room (left elsewhere, removed, banned) while
/// the connection was away, <c>not-found</c> for a room that is gone.
/// </summary>
public sealed record RoomRefused(string RoomId, ChatRequestException Refusal);
