using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OrleansChat.Contracts;
using OrleansChat.Web.Files;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Apis;

/// <summary>Turns refusals into RFC 9457 problem details with the protocol's status codes.</summary>
internal sealed class ChatProblemHandler(ILogger<ChatProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            InvalidInputException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = invalid.Message,
            },
            _ when ChatErrors.Refusal(exception) is { } chat => new ProblemDetails { Status = ChatErrors.Status(chat.Error), Detail = chat.Message },
            RateLimitedException limited => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = limited.Message },
            // A body or parameter that did not bind (not JSON, JSON of the wrong shape, null, too large, no content type).
            BadHttpRequestException unreadable => new ProblemDetails { Status = unreadable.StatusCode, Detail = Unreadable(unreadable) },
            FileStoreUnavailableException store => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = store.Message },
            _ when ChatErrors.IsClusterUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = ChatErrors.ClusterUnavailableMessage,
            },
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "{Method} {Path} answered 503", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status!.Value;
        if (exception is RateLimitedException rateLimited)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(rateLimited.RetryAfter.TotalSeconds)).ToString();
        }
        await ProblemResponses.WriteAsync(context, problem, exception);
        return true;
    }

    /// <summary>What was wrong with the request, in the caller's terms (the framework's message names our types).</summary>
    private static string Unreadable(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ => "The request body or a parameter could not be read: send a JSON object with the documented fields and types.",
    };
}
