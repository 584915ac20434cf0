using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.HubSockets;

/// <summary>
/// Kestrel connection middleware in front of HTTP: a connection whose first request is a WebSocket upgrade to the hub
/// is admitted by <see cref="HubSocketGate"/> and served by a <see cref="HubSocketConnection"/>; every other connection
/// goes on to ASP.NET Core with every byte where it was (negotiation, server-sent events, long polling, REST, a TLS
/// handshake, HTTP/2).
/// </summary>
internal sealed class HubSocketListener(
    HubSocketGate gate, HubConnectionHandler<ChatHub> hub, IHostApplicationLifetime lifetime, IOptions<KestrelServerOptions> kestrel)
{
    private readonly KestrelServerLimits _limits = kestrel.Value.Limits;

    public ConnectionDelegate Before(ConnectionDelegate next) => connection => OnConnectionAsync(connection, next);

    private async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var (first, socket) = await OpenAsync(connection);
        if (socket is not null) await socket.RunAsync(hub, lifetime.ApplicationStopping);
        else if (first == FirstRequest.Other) await next(connection);
    }

    private enum FirstRequest
    {
        /// <summary>A hub upgrade: this class answers it.</summary>
        HubUpgrade,

        /// <summary>Anything else: ASP.NET Core's, with every byte where it was.</summary>
        Other,

        /// <summary>None came in time, the peer left, or the node is stopping: the connection ends, as Kestrel would end it.</summary>
        None,
    }

    /// <summary>
    /// What the first request is, and the hub socket once admitted (null when refused). A method of its own so that
    /// the request, its headers and its token are garbage once it returns, not kept for the connection's life.
    /// </summary>
    private async Task<(FirstRequest First, HubSocketConnection? Socket)> OpenAsync(ConnectionContext connection)
    {
        var (first, request) = await PeekAsync(connection);
        if (request is null) return (first, null);
        if (await gate.AdmitAsync(request, connection) is not { } admitted) return (first, null);
        var output = connection.Transport.Output;
        output.Write(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {request.Accept}\r\n\r\n"));
        await output.FlushAsync();
        return (first, new HubSocketConnection(connection, admitted));
    }

    /// <summary>
    /// Reads the first request's head, off the input when it is a hub upgrade, leaving the input as it came otherwise.
    /// Waits as long as Kestrel would for a first request, then for the rest of its head. Nothing is ever marked
    /// examined (HTTP's first read must return what came at once, and a pipe's examined position cannot go back), so
    /// a head that comes in pieces is looked at again after a short pause rather than on the next bytes.
    /// </summary>
    private async Task<(FirstRequest, HubUpgradeRequest?)> PeekAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_limits.KeepAliveTimeout);
        var maxHead = _limits.MaxRequestLineSize + _limits.MaxRequestHeadersTotalSize;
        var pause = TimeSpan.Zero;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(timeout.Token);
                var buffer = read.Buffer;
                var peek = HubUpgradeRequest.TryParse(buffer, maxHead, out var request, out var headEnd);
                if (peek == HubUpgradeRequest.Peek.Upgrade)
                {
                    input.AdvanceTo(headEnd);
                    return (FirstRequest.HubUpgrade, request);
                }
                input.AdvanceTo(buffer.Start);
                if (read.IsCanceled) return (FirstRequest.None, null);
                if (peek == HubUpgradeRequest.Peek.Other || read.IsCompleted) return (FirstRequest.Other, null);
                if (pause == TimeSpan.Zero) timeout.CancelAfter(_limits.RequestHeadersTimeout);
                pause = pause == TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 64));
                await Task.Delay(pause, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException)
        {
            return (FirstRequest.None, null);
        }
    }
}
