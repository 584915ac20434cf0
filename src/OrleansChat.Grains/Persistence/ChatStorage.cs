namespace OrleansChat.Grains.Persistence;

/// <summary>The name of the grain storage provider that holds room and user state.</summary>
public static class ChatStorage
{
    public const string Name = "chat";
}
