using System.Diagnostics;
using System.Net.Http.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Observability;

/// <summary>
/// One trace per message, end to end: a send over REST shows as one trace holding the web request, the grain call
/// on the silo and the append to the log (an in-memory exporter in the test, listening to the same sources as
/// the deployment's OpenTelemetry does).
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private TracerProvider _tracing = null!;
    private ChatSystem _system = null!;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "OrleansChat.Storage")
            .AddInMemoryExporter(_spans)
            .Build();
        _system = await ChatSystem.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        _tracing.Dispose();
    }

    [Fact]
    public async Task A_send_over_rest_is_one_trace_from_the_web_request_through_the_grain_call_to_the_log_append()
    {
        await using var alice = await _system.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Traced");

        var sent = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "traced-1", text = "follow me" });
        sent.EnsureSuccessStatusCode();
        _tracing.ForceFlush();

        // Other tests run beside this one in the process: the trace is the one whose append names this room.
        var append = Assert.Single(Spans(), s => s.Source.Name == "OrleansChat.Storage" && (string?)s.GetTagItem("chat.room_id") == room.RoomId);
        Assert.Equal(1, (int)append.GetTagItem("chat.messages")!);
        // Kestrel ends the request's own span just after the response is sent, so it may still be on its way.
        static bool IsRequest(Activity span) => span.Kind == ActivityKind.Server && span.DisplayName == "POST /api/rooms/{roomId}/messages";
        var trace = Spans().Where(s => s.TraceId == append.TraceId).ToArray();
        for (var attempt = 0; attempt < 100 && !trace.Any(IsRequest); attempt++)
        {
            await Task.Delay(100);
            _tracing.ForceFlush();
            trace = [.. Spans().Where(s => s.TraceId == append.TraceId)];
        }
        Assert.Contains(trace, IsRequest);
        // The grain call, as the web node made it and as the silo served it.
        var grainCall = trace.Where(s => s.DisplayName == "IRoomGrain/Post").Select(s => s.Kind).Order().ToArray();
        Assert.Equal([ActivityKind.Server, ActivityKind.Client], grainCall);
    }

    private Activity[] Spans()
    {
        lock (_spans) return [.. _spans];
    }
}
