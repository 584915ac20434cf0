using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Observability;

/// <summary>
/// The bot's AI call is in the trace of the visitor's message it answers: from the web request, through the room and
/// the desk on the silo, to the request to the model (an in-memory exporter in the test, as in <see cref="TraceTests"/>).
/// </summary>
public sealed class SupportBotTraceTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private TracerProvider _tracing = null!;
    private FakeOpenAiServer _model = null!;
    private OtlpSink _collector = null!;
    private ChatSystem _system = null!;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "OrleansChat.Storage")
            .AddHttpClientInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build();
        _model = await FakeOpenAiServer.StartAsync();
        // A node records spans only when it has an OTLP endpoint to send them to.
        _collector = await OtlpSink.StartAsync();
        _system = await ChatSystem.StartAsync(settings: new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            [$"Chat:Sites:{ShopSite.Id}:AllowedOrigins:0"] = ShopSite.Origin,
            // The bot answers what the site's help pages cover; the model writes the answer.
            [$"Chat:Ai:KnowledgeBases:{ShopSite.Id}"] = "KnowledgeBase/demo",
            ["Chat:Ai:Provider"] = "OpenAI",
            ["Chat:Ai:Endpoint"] = _model.Endpoint.ToString(),
            ["Chat:Ai:Model"] = "fake-model",
            ["Chat:Ai:ApiKey"] = "test-key",
        });
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _collector.DisposeAsync();
        await _model.DisposeAsync();
        _tracing.Dispose();
    }

    [Fact]
    public async Task The_bots_call_to_the_model_is_in_the_trace_of_the_visitors_message()
    {
        var session = await _system.OpenVisitorSessionAsync(ShopSite.Id, ShopSite.Origin);
        var roomId = session.GetProperty("roomId").GetString()!;
        using var http = _system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());

        var sent = await http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = "q-1", text = "How long do I have to return a jacket?" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        for (var attempt = 0; attempt < 150 && !await AnsweredAsync(http, roomId); attempt++) await Task.Delay(100);
        _tracing.ForceFlush();

        Assert.NotEmpty(_model.Requests);
        var modelCall = Assert.Single(Spans(), s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && port == _model.Endpoint.Port);
        var trace = Spans().Where(s => s.TraceId == modelCall.TraceId).ToArray();
        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/rooms/{roomId}/messages");
        Assert.Contains(trace, s => s.Source.Name == "OrleansChat.Storage" && (string?)s.GetTagItem("chat.room_id") == roomId);
    }

    private static async Task<bool> AnsweredAsync(HttpClient http, string roomId) =>
        (await http.GetFromJsonAsync<MessagePage>($"/api/rooms/{roomId}/messages", ChatTestClient.Json))!.Messages.Any(m => m.Kind == MessageKind.Assistant);

    private Activity[] Spans()
    {
        lock (_spans) return [.. _spans];
    }
}
