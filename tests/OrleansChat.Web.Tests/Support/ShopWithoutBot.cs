using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Support;

/// <summary>A system with one site, a shop whose widget is embedded at <see cref="Origin"/>, and no assistant: visitors go straight to the humans.</summary>
internal static class ShopWithoutBot
{
    public const string Origin = "https://shop.example";

    public static Task<ChatSystem> StartAsync() => ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Sites:shop:AllowedOrigins:0"] = Origin,
        ["Chat:Ai:SupportBot"] = "false",
    });
}
