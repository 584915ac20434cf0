namespace OrleansChat.Web.Home;

/// <summary>The page at <c>/</c>: what is running here and where to read on.</summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        var mode = app.ServiceProvider.GetRequiredService<IConfiguration>().IsEmbedded() ? "embedded (one silo, SQLite)" : "cluster";
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>OrleansChat</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem}code{background:#f2f2f2;padding:0 .2rem}</style></head>
            <body>
            <h1>OrleansChat is running</h1>
            <p>Web front tier in <strong>{{mode}}</strong> mode, connected to the Orleans silo cluster.</p>
            <ul>
              <li>SignalR hub: <code>{{Hubs.ChatHubRoutes.Path}}</code> (WebSockets, SSE, long polling)</li>
              <li>REST: <code>/api/rooms</code>, <code>/api/rooms/{roomId}/messages</code>, <code>/api/direct/{userId}</code>, <code>/api/users/{userId}/presence</code></li>
              <li>Health: <a href="/health">/health</a>, <a href="/alive">/alive</a></li>
            </ul>
            <p>The README in the repository documents the protocol with examples, and <code>docs/</code> how to run and operate it.</p>
            </body>
            </html>
            """;
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
