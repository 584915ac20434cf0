using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Observability;

/// <summary>
/// One trace per message, end to end: a send over REST or over the hub shows as one trace holding the web request
/// or hub method, the grain call on the silo and the append to the log (an in-memory exporter in the test, listening
/// to the same sources as the deployment's OpenTelemetry does), and the node exports it to its OTLP endpoint.
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private TracerProvider _tracing = null!;
    private OtlpSink _collector = null!;
    private ChatSystem _system = null!;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            // ASP.NET Core's instrumentation listens to this source for requests.
            .AddSource("Microsoft.AspNetCore")
            .AddSource(ServiceDefaultsExtensions.TracedSources("OrleansChat.Web"))
            .AddInMemoryExporter(_spans)
            .Build();
        // A node records spans only when it has an OTLP endpoint to send them to.
        _collector = await OtlpSink.StartAsync();
        _system = await ChatSystem.StartAsync(settings: new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _collector.DisposeAsync();
        _tracing.Dispose();
    }

    [Fact]
    public async Task A_send_over_rest_is_one_trace_from_the_web_request_through_the_grain_call_to_the_log_append()
    {
        await using var alice = await _system.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Traced");

        var sent = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "traced-1", text = "follow me" });
        sent.EnsureSuccessStatusCode();

        var trace = await TraceOfAppendAsync(room.RoomId, span => span.Kind == ActivityKind.Server && span.DisplayName == "POST /api/rooms/{roomId}/messages");
        AssertGrainCallInside(trace);
        // The node's exporter sends its batch every few seconds.
        for (var waited = 0; _collector.TraceExports == 0 && waited < 300; waited++) await Task.Delay(100);
        Assert.True(_collector.TraceExports > 0, "The node recorded the trace but exported nothing to its OTLP endpoint.");
    }

    [Fact]
    public async Task A_send_over_the_hub_is_one_trace_from_the_hub_method_through_the_grain_call_to_the_log_append()
    {
        await using var alice = await _system.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Traced live");
        var live = await alice.ConnectAsync();
        await live.JoinRoomAsync(room.RoomId);

        await live.SendAsync(room.RoomId, "traced-live-1", "follow me live");

        var trace = await TraceOfAppendAsync(room.RoomId, span => span.Kind == ActivityKind.Server && span.DisplayName == "OrleansChat.Web.Hubs.ChatHub/SendMessage");
        // The hub method is the trace's root, not a child of the connection's request, which lasts as long as the connection.
        Assert.Equal(default, trace.Single(span => span.DisplayName == "OrleansChat.Web.Hubs.ChatHub/SendMessage").ParentSpanId);
        AssertGrainCallInside(trace);
    }

    /// <summary>
    /// The trace holding the room's one append, once its entry span is there: ASP.NET Core ends a request's span and
    /// SignalR a hub method's just after the answer is on its way, so it may still be coming.
    /// </summary>
    private async Task<Activity[]> TraceOfAppendAsync(string roomId, Func<Activity, bool> isEntry)
    {
        _tracing.ForceFlush();
        // Other tests run beside this one in the process: the trace is the one whose append names this room.
        var append = Assert.Single(Spans(), s => s.Source.Name == "OrleansChat.Storage" && (string?)s.GetTagItem("chat.room_id") == roomId);
        Assert.Equal(1, (int)append.GetTagItem("chat.messages")!);
        var trace = Spans().Where(s => s.TraceId == append.TraceId).ToArray();
        for (var attempt = 0; attempt < 100 && !trace.Any(isEntry); attempt++)
        {
            await Task.Delay(100);
            _tracing.ForceFlush();
            trace = [.. Spans().Where(s => s.TraceId == append.TraceId)];
        }
        Assert.Contains(trace, span => isEntry(span));
        return trace;
    }

    /// <summary>The grain call, as the web node made it and as the silo served it.</summary>
    private static void AssertGrainCallInside(Activity[] trace) =>
        Assert.Equal([ActivityKind.Server, ActivityKind.Client], trace.Where(s => s.DisplayName == "IRoomGrain/Post").Select(s => s.Kind).Order());

    private Activity[] Spans()
    {
        lock (_spans) return [.. _spans];
    }
}
