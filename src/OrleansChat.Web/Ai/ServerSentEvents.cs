using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Ai;

/// <summary>
/// Writes a streamed answer as server-sent events: <c>delta</c> events, then <c>done</c>, or <c>error</c> if the
/// answer breaks off. The response starts with the first piece, so a provider that fails at once still gets a
/// plain problem response with its status code.
/// </summary>
public static class ServerSentEvents
{
    public static bool IsWanted(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    public static async Task WriteAsync(HttpContext context, IAsyncEnumerable<string> pieces, Func<string, object> done)
    {
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var cancellationToken = context.RequestAborted;
        await using var enumerator = pieces.GetAsyncEnumerator(cancellationToken);
        var hasPiece = await enumerator.MoveNextAsync();

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var content = new System.Text.StringBuilder();
        try
        {
            while (hasPiece)
            {
                content.Append(enumerator.Current);
                await WriteEventAsync(response, "delta", new { text = enumerator.Current }, json, cancellationToken);
                hasPiece = await enumerator.MoveNextAsync();
            }
            await WriteEventAsync(response, "done", done(content.ToString()), json, cancellationToken);
        }
        catch (Contracts.ChatException exception)
        {
            var status = Apis.ChatErrors.Status(exception.Error);
            await WriteEventAsync(response, "error", new { status, title = Apis.ChatErrors.Word(exception.Error), detail = exception.Message }, json, cancellationToken);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, object data, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, json)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
