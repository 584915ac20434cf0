using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Testing;

/// <summary>
/// A webhook receiver on a fixed loopback port: a Kestrel app that answers 204 and keeps every request it got (raw
/// body and headers). Stopped, nothing listens on its port (a receiver that is down); started again, it listens there
/// again.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();
    private readonly List<ReceivedWebhook> _received = [];
    private WebApplication? _app;

    public string Url => $"http://127.0.0.1:{_port}/hooks";

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _port));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            lock (_received) _received.Add(new ReceivedWebhook(headers, body));
            return Results.NoContent();
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

/// <summary>One request as the receiver got it: headers by lowercase name, and the body exactly as sent.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);
