using Microsoft.Net.Http.Headers;

namespace OrleansChat.Web.Pages;

/// <summary>
/// Headers that keep browsers from misreading our responses: no content sniffing and no referrer everywhere, and
/// on our own pages (the demo site, the agent console) a Content-Security-Policy that runs only our scripts, talks
/// only to us, and cannot be framed (clickjacking). The widget inside other sites' pages lives under theirs. An
/// endpoint whose page needs another policy says so with <see cref="PagePolicy"/> metadata.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of an endpoint's pages, instead of ours.</summary>
    public sealed record PagePolicy(string Value);

    private const string OurPagePolicy =
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
                headers[HeaderNames.ContentSecurityPolicy] = context.GetEndpoint()?.Metadata.GetMetadata<PagePolicy>()?.Value ?? OurPagePolicy;
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
