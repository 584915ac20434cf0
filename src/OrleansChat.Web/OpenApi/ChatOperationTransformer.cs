using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansChat.Web.OpenApi;

/// <summary>
/// What every operation shares: the token it needs, and the problem details it may answer with, by status
/// (as the README's list of errors says).
/// </summary>
internal sealed class ChatOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly (int Status, string Meaning)[] Refusals =
    [
        (StatusCodes.Status400BadRequest, "Invalid input; `errors` names the fields."),
        (StatusCodes.Status403Forbidden, "Not allowed for this caller."),
        (StatusCodes.Status404NotFound, "Unknown room, conversation, user or file."),
        (StatusCodes.Status409Conflict, "A conflict: an id in use, or a client id reused for something else."),
        (StatusCodes.Status413PayloadTooLarge, "The body, or a file, is too large."),
        (StatusCodes.Status429TooManyRequests, "Rate limited; `Retry-After` says when to try again."),
        (StatusCodes.Status503ServiceUnavailable, "The cluster, its storage or the AI provider is unavailable; retry (sends are idempotent)."),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsToken)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ChatDocumentTransformer.BearerScheme, context.Document)] = [] }];
        }

        var problem = new OpenApiSchemaReference(ChatDocumentTransformer.ProblemSchema, context.Document);
        operation.Responses ??= new OpenApiResponses();
        var refusals = needsToken ? [(StatusCodes.Status401Unauthorized, "No token, or not a valid one."), .. Refusals] : Refusals;
        foreach (var (status, meaning) in refusals)
        {
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });
        }
        return Task.CompletedTask;
    }
}
