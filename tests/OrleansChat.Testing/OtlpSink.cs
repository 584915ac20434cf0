using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Testing;

/// <summary>
/// Where the servers export their traces (and metrics and logs) over OTLP/HTTP: a receiver on loopback that takes every
/// export and counts it, as a collector would take it (so that the bench measures the export's own cost in the
/// servers' CPU, and tests see that a node with an endpoint exports).
/// </summary>
public sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _traceExports;
    private long _traceBytes;

    private OtlpSink(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.First());

    public long TraceExports => Interlocked.Read(ref _traceExports);

    public long TraceBytes => Interlocked.Read(ref _traceBytes);

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new OtlpSink(app);
        // An empty body is an ExportServiceResponse with nothing rejected.
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces")
            {
                Interlocked.Increment(ref sink._traceExports);
                Interlocked.Add(ref sink._traceBytes, body.Length);
            }
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
