namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>The site whose visitors the support tests play: its page origin, and the demo help pages as its knowledge base.</summary>
public static class ShopSite
{
    public const string Id = "shop";
    public const string Origin = "https://shop.example";

    /// <summary>The embedded system with the shop configured, for the silo (where the bot runs) and the web nodes alike.</summary>
    public static Task<ChatSystem> StartSystemAsync() => ChatSystem.StartAsync(settings: new()
    {
        [$"Chat:Sites:{Id}:AllowedOrigins:0"] = Origin,
        [$"Chat:Sites:{Id}:Secret"] = "test-site-secret",
        [$"Chat:Ai:KnowledgeBases:{Id}"] = "KnowledgeBase/demo",
    });

    /// <summary>The embedded system with the shop and no assistant: its visitors go straight to the humans.</summary>
    public static Task<ChatSystem> StartWithoutBotAsync() => ChatSystem.StartAsync(settings: new()
    {
        [$"Chat:Sites:{Id}:AllowedOrigins:0"] = Origin,
        ["Chat:Ai:SupportBot"] = "false",
    });
}
