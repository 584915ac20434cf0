using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.HubSockets;

/// <summary>
/// Kestrel connection middleware in front of HTTP: a connection whose first request is a WebSocket upgrade to the hub
/// is admitted by <see cref="HubSocketGate"/> and served by a <see cref="HubSocketConnection"/>; every other connection,
/// and every byte of it, goes on to ASP.NET Core unread (negotiation, server-sent events, long polling, REST, a TLS
/// handshake, HTTP/2).
/// </summary>
internal sealed class HubSocketListener(
    HubSocketGate gate, HubConnectionHandler<ChatHub> hub, IHostApplicationLifetime lifetime, IOptions<KestrelServerOptions> kestrel)
{
    private readonly KestrelServerLimits _limits = kestrel.Value.Limits;

    public ConnectionDelegate Before(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var (upgrade, socket) = await OpenAsync(connection);
        if (socket is not null) await socket.RunAsync(hub, lifetime.ApplicationStopping);
        else if (!upgrade) await next(connection);
    }

    /// <summary>
    /// Whether the first request is a hub upgrade, and its socket once admitted (null when refused). A method of its
    /// own so that the request, its headers and its token are garbage once it returns, not kept for the connection's life.
    /// </summary>
    private async Task<(bool Upgrade, HubSocketConnection? Socket)> OpenAsync(ConnectionContext connection)
    {
        if (await PeekAsync(connection.Transport.Input) is not { } request) return (false, null);
        if (await gate.AdmitAsync(request, connection) is not { } admitted) return (true, null);
        var output = connection.Transport.Output;
        output.Write(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {request.Accept}\r\n\r\n"));
        await output.FlushAsync();
        return (true, new HubSocketConnection(connection, admitted));
    }

    /// <summary>
    /// The first request's head when it is a hub upgrade, read off the input; otherwise null, with the input as it
    /// came. Waits as long as Kestrel would for a first request, then for the rest of its head.
    /// </summary>
    private async Task<HubUpgradeRequest?> PeekAsync(PipeReader input)
    {
        using var timeout = new CancellationTokenSource(_limits.KeepAliveTimeout);
        var maxHead = _limits.MaxRequestLineSize + _limits.MaxRequestHeadersTotalSize;
        var started = false;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            var buffer = read.Buffer;
            if (!started && !buffer.IsEmpty)
            {
                started = true;
                timeout.CancelAfter(_limits.RequestHeadersTimeout);
            }
            var peek = HubUpgradeRequest.TryParse(buffer, maxHead, out var request, out var headEnd);
            if (peek == HubUpgradeRequest.Peek.Upgrade)
            {
                input.AdvanceTo(headEnd);
                return request;
            }
            if (peek == HubUpgradeRequest.Peek.Other || read.IsCompleted)
            {
                // Consumed and examined nothing: HTTP's first read returns all of it at once.
                input.AdvanceTo(buffer.Start);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
