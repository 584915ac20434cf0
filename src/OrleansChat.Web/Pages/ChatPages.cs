namespace OrleansChat.Web.Pages;

/// <summary>
/// The platform's own pages, static files in <c>wwwroot</c>: the demo site (<c>/</c>, a sample shop with the widget
/// in support mode, and <c>/demo/room</c>, the widget in room mode, both embedding <c>/widget.js</c> as any site
/// would) and the agent console at <c>/agent</c>.
/// </summary>
public static class ChatPages
{
    public static IEndpointRouteBuilder MapChatPages(this IEndpointRouteBuilder app)
    {
        MapPage(app, "/", "demo/shop.html");
        MapPage(app, "/demo/room", "demo/room.html");
        MapPage(app, "/agent", "agent/index.html");
        return app;
    }

    private static void MapPage(IEndpointRouteBuilder app, string route, string file) =>
        app.MapGet(route, (IWebHostEnvironment environment) =>
            {
                var page = environment.WebRootFileProvider.GetFileInfo(file);
                return page.Exists
                    ? Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8")
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"{file} is missing from wwwroot.");
            })
            .ExcludeFromDescription();
}
