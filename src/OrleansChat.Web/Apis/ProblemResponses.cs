using Microsoft.AspNetCore.Mvc;

namespace OrleansChat.Web.Apis;

/// <summary>Writes a refusal as problem details, also to a caller whose Accept header names no JSON (an event stream).</summary>
internal static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem, Exception? exception = null)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception })) return;
        // Nothing the caller accepts: the status tells it all the same, and the body is problem+json regardless.
        await Results.Problem(problem).ExecuteAsync(context);
    }
}
