using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Testing;

/// <summary>
/// An OpenAI-compatible chat completions server on loopback (<c>POST /v1/chat/completions</c>, JSON and streamed
/// chunks) whose answer, pace and health the test controls, and which records what it was asked and whether
/// the caller went away mid-answer.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _cancelledStreams;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.Single() + "/v1");

    /// <summary>The answer, in the pieces it streams in.</summary>
    public IReadOnlyList<string> Pieces { get; set; } = ["Hello", " from", " the", " model."];

    public TimeSpan PieceDelay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, every request gets 503 at once.</summary>
    public bool Down { get; set; }

    public List<JsonElement> Requests { get; } = [];

    public int CancelledStreams => Volatile.Read(ref _cancelledStreams);

    public string Answer => string.Concat(Pieces);

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task CompleteAsync(HttpContext context)
    {
        if (Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var request = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        lock (Requests) Requests.Add(request);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!(request.TryGetProperty("stream", out var stream) && stream.GetBoolean()))
        {
            // A whole answer takes as long to write as its pieces would.
            await Task.Delay(PieceDelay * Pieces.Count, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-fake", @object = "chat.completion", created, model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        try
        {
            // Each piece is due at a fixed time from the start, so that timer slack does not add up over an answer.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var (piece, index) in Pieces.Select((piece, index) => (piece, index)))
            {
                var due = PieceDelay * (index + 1) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, context.RequestAborted);
                context.RequestAborted.ThrowIfCancellationRequested();
                await WriteChunkAsync(context, new { role = "assistant", content = piece }, finishReason: null, created);
            }
            await WriteChunkAsync(context, new { }, finishReason: "stop", created);
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _cancelledStreams);
        }
    }

    private static async Task WriteChunkAsync(HttpContext context, object delta, string? finishReason, long created)
    {
        var chunk = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake", @object = "chat.completion.chunk", created, model = "fake-model",
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        });
        await context.Response.WriteAsync($"data: {chunk}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
