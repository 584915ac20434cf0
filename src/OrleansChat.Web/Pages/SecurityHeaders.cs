using Microsoft.Net.Http.Headers;

namespace OrleansChat.Web.Pages;

/// <summary>
/// Headers that keep browsers from misreading our responses: no content sniffing and no referrer everywhere, and
/// on our own pages (the demo site, the agent console) a Content-Security-Policy that runs only our scripts, talks
/// only to us, and cannot be framed (clickjacking). The widget inside other sites' pages lives under theirs.
/// </summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers[HeaderNames.ContentSecurityPolicy] = PagePolicy;
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
