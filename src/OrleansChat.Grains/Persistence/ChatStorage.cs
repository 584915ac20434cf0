namespace OrleansChat.Grains.Persistence;

/// <summary>The names of the grain storage that holds room, user and desk state.</summary>
public static class ChatStorage
{
    /// <summary>What grains name: the provider that stores their state as it was when they asked.</summary>
    public const string Name = "chat";

    /// <summary>The provider underneath, by mode (SQLite or PostgreSQL rows).</summary>
    public const string ProviderName = "chat-rows";
}
