using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansChat.Web.OpenApi;

/// <summary>What the document says as a whole: what this is, and how a caller proves who they are.</summary>
internal sealed class ChatDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "OrleansChat",
            Version = "1",
            Description = "The REST half of OrleansChat's protocol; the README's protocol section describes it with the SignalR hub "
                          + "(/hubs/chat), the events and the guarantees. JSON is camelCase, times are UTC ISO-8601, and refusals are "
                          + "RFC 9457 problem details.",
        };
        // Where it runs is the reader's business; a server list would name the machine the document was made on.
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token of ours (POST /api/auth/token, /api/widget/sessions, /api/auth/oidc/token, renewed by /api/auth/refresh) "
                          + "or of an identity provider the deployment trusts.",
        };
        // Every refusal has this shape: one schema, referred to by every operation.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), cancellationToken: cancellationToken);
    }
}
