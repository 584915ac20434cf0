namespace OrleansChat.Contracts;

/// <summary>What a muted member is told, the same by the room and by the web tier (which refuses assistant prompts before asking the provider).</summary>
public static class MuteRefusal
{
    public static ChatException For(string roomId, DateTimeOffset until) =>
        ChatException.Forbidden($"You are muted in room '{roomId}' until {until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
}
