namespace OrleansChat.Web.Hubs;

public static class ChatHubRoutes
{
    public const string Path = "/hubs/chat";

    public static IEndpointRouteBuilder MapChatHub(this IEndpointRouteBuilder app)
    {
        // A connection lasts no longer than its token: clients reconnect with a renewed one.
        app.MapHub<ChatHub>(Path, hub => hub.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
