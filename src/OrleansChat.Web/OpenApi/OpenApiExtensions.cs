using OrleansChat.Web.Pages;
using Scalar.AspNetCore;

namespace OrleansChat.Web.OpenApi;

/// <summary>
/// The REST API described from its endpoints: <c>/openapi/v1.json</c> everywhere (a description of a public API
/// gives nothing away), and an interactive reference at <c>/scalar</c> where development features are on
/// (<c>Chat:ApiReference</c>, on in the Development environment). <c>docs/openapi.json</c> is the document as
/// committed; a test fails when the endpoints describe something else, so that API changes are deliberate.
/// </summary>
public static class OpenApiExtensions
{
    public const string DocumentName = "v1";
    public const string ReferencePath = "/scalar";

    public static WebApplicationBuilder AddChatOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<ChatDocumentTransformer>();
            options.AddOperationTransformer<ChatOperationTransformer>();
        });
        return builder;
    }

    public static WebApplication MapChatOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        if (app.Configuration.GetValue("Chat:ApiReference", app.Environment.IsDevelopment()))
        {
            // Scalar starts itself from an inline module and styles its page at run time: its own scripts and styles,
            // inline ones included, from this origin only; still no frames, plugins or other origins.
            app.MapScalarApiReference(ReferencePath, reference => reference.WithTitle("OrleansChat API").DisableDefaultFonts())
                .WithMetadata(new SecurityHeaders.PagePolicy("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"));
        }
        return app;
    }
}
