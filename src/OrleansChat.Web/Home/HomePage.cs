namespace OrleansChat.Web.Home;

/// <summary>
/// The demo site: <c>/</c> is a sample shop with the widget in support mode, <c>/demo/room</c> the widget in
/// room mode. Both are static pages in <c>wwwroot/demo</c> embedding <c>/widget.js</c> as any site would.
/// </summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        MapPage(app, "/", "demo/shop.html");
        MapPage(app, "/demo/room", "demo/room.html");
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
