namespace OrleansChat.Web.Hubs;

public static class ChatHubRoutes
{
    public const string Path = "/hubs/chat";

    public static IEndpointRouteBuilder MapChatHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ChatHub>(Path);
        return app;
    }
}
