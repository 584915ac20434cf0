using System.Buffers.Text;
using System.IO.Pipelines;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.HubSockets;

/// <summary>
/// One WebSocket to the hub, as SignalR's hub layer sees a connection: a loop reads the socket's frames into the pipe
/// the hub reads SignalR's records from, and what the hub writes goes to the socket at each flush as one message
/// (<see cref="HubSocketOutput"/>). ASP.NET Core's WebSocket transport does the same with an HTTP request kept open for
/// the connection's whole life, two pairs of pipes and a loop each way: an idle connection here costs about half as
/// much (docs/benchmarks.md, problem 6).
/// </summary>
internal sealed class HubSocketConnection : ConnectionContext, IDuplexPipe, IConnectionUserFeature, ITransferFormatFeature
{
    /// <summary>As much as ASP.NET Core's transport lets the hub have unread (its 64 KB default).</summary>
    private static readonly PipeOptions PipeOptions = new(
        pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, readerScheduler: PipeScheduler.ThreadPool,
        writerScheduler: PipeScheduler.ThreadPool, useSynchronizationContext: false);

    /// <summary>How long a close waits for the peer's own close frame before the socket is cut.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ConnectionContext _socket;
    private readonly DateTimeOffset? _authenticationExpires;
    private readonly Pipe _toHub = new(PipeOptions);
    private readonly HubSocketOutput _fromHub;
    private readonly SemaphoreSlim _socketWrites = new(1, 1);
    private readonly FeatureCollection _features;
    private ClientFrameReader _frames;
    private IDictionary<object, object?>? _items;
    private bool _closeSent;
    private int _closingFromServer;

    public HubSocketConnection(ConnectionContext socket, HubAdmittance admitted)
    {
        _socket = socket;
        _fromHub = new HubSocketOutput(this);
        _authenticationExpires = admitted.AuthenticationExpires;
        User = admitted.User;
        // Like SignalR's own connection ids: random, so that no two nodes' connections share one.
        ConnectionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        // Kestrel's connection features stay underneath: the hub keeps its connection alive on their heartbeat.
        _features = new FeatureCollection(socket.Features);
        _features.Set<IConnectionUserFeature>(this);
        _features.Set<ITransferFormatFeature>(this);
        _features.Set(admitted);
    }

    public override string ConnectionId { get; set; }
    public override IFeatureCollection Features => _features;
    public override IDictionary<object, object?> Items { get => _items ??= new ConnectionItems(); set => _items = value; }
    public override IDuplexPipe Transport { get => this; set => throw new NotSupportedException(); }
    public override CancellationToken ConnectionClosed { get => _socket.ConnectionClosed; set => throw new NotSupportedException(); }
    public override void Abort(ConnectionAbortedException abortReason) => _socket.Abort(abortReason);

    PipeReader IDuplexPipe.Input => _toHub.Reader;
    PipeWriter IDuplexPipe.Output => _fromHub;

    public ClaimsPrincipal? User { get; set; }

    public TransferFormat SupportedFormats => TransferFormat.Text | TransferFormat.Binary;
    public TransferFormat ActiveFormat { get; set; } = TransferFormat.Text;

    /// <summary>Runs the hub over the socket until either side ends, then closes the socket as RFC 6455 asks.</summary>
    public async Task RunAsync(ConnectionHandler hub, CancellationToken stopping)
    {
        var receiving = ReceiveAsync();
        // As ASP.NET Core's transport does: a node that begins to stop closes its connections, and a connection ends
        // with its authentication (ChatHubRoutes.CloseOnAuthenticationExpiration).
        using (stopping.UnsafeRegister(static state => ((HubSocketConnection)state!).CloseFromServer(), this))
        {
            if (_authenticationExpires is not null)
            {
                _socket.Features.Get<IConnectionHeartbeatFeature>()?.OnHeartbeat(static state => ((HubSocketConnection)state).CloseIfExpired(), this);
            }
            try
            {
                await hub.OnConnectedAsync(this);
            }
            catch (Exception)
            {
                // As ASP.NET Core's transport ends a connection whose application failed: 1011, then Kestrel logs the failure.
                await CloseAsync(receiving, WebSocketFrames.InternalError);
                throw;
            }
            finally
            {
                await _fromHub.CompleteAsync();
                await _toHub.Reader.CompleteAsync();
            }
        }
        // 1000 also when the node stops or the token ends, as ASP.NET Core's transport says it: clients take any other
        // code for an error (the hub's own close record has told them to reconnect).
        await CloseAsync(receiving, WebSocketFrames.NormalClosure);
    }

    /// <summary>Sends the close frame and waits for the peer's, both within <see cref="CloseWait"/>; past it the socket is cut.</summary>
    private async Task CloseAsync(Task receiving, ushort code)
    {
        using var patience = new CancellationTokenSource(CloseWait);
        try
        {
            await WriteFrameAsync(WebSocketFrames.Close, WebSocketFrames.ClosePayload(code), patience.Token);
            await receiving.WaitAsync(patience.Token);
        }
        catch (Exception)
        {
            // The peer did not answer in time, or the socket is gone already.
            _socket.Abort();
        }
        await receiving;
    }

    private void CloseIfExpired()
    {
        if (DateTimeOffset.UtcNow >= _authenticationExpires) CloseFromServer();
    }

    /// <summary>Ends the hub's reading as a closed socket would: the hub says goodbye, then <see cref="RunAsync"/> closes the socket.</summary>
    private void CloseFromServer()
    {
        if (Interlocked.Exchange(ref _closingFromServer, 1) == 0) _toHub.Reader.CancelPendingRead();
    }

    private async Task ReceiveAsync()
    {
        var input = _socket.Transport.Input;
        var hubListens = true;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync();
                var buffer = read.Buffer;
                var ended = false;
                while (!ended)
                {
                    var frame = _frames.Read(ref buffer, hubListens ? _toHub.Writer : null, out var opcode, out var payload);
                    if (frame == FrameRead.NeedMore) break;
                    if (frame == FrameRead.Invalid)
                    {
                        await SendCloseAsync(WebSocketFrames.ClosePayload(WebSocketFrames.ProtocolError));
                        ended = true;
                    }
                    else ended = await OnControlFrameAsync(opcode, payload);
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                if (hubListens && (await _toHub.Writer.FlushAsync()).IsCompleted) hubListens = false;
                if (ended || read.IsCompleted) return;
            }
        }
        catch (Exception)
        {
            // The socket failed or was cut (by the peer, or by Abort): the hub hears of it as a closed input, as from any transport.
        }
        finally
        {
            await _toHub.Writer.CompleteAsync();
        }
    }

    /// <summary>Answers a ping, ignores a pong, and for a close answers it and ends the reading (true).</summary>
    private async Task<bool> OnControlFrameAsync(byte opcode, byte[] payload)
    {
        switch (opcode)
        {
            case WebSocketFrames.Ping:
                await WriteFrameAsync(WebSocketFrames.Pong, payload, CancellationToken.None);
                return false;
            case WebSocketFrames.Close:
                await SendCloseAsync(payload.Length >= 2 ? payload[..2] : []);
                return true;
            default:
                return false;
        }
    }

    /// <summary>What the hub flushed, as one message.</summary>
    public ValueTask<FlushResult> SendMessageAsync(ReadOnlyMemory<byte> records, CancellationToken cancellationToken) =>
        WriteFrameAsync(ActiveFormat == TransferFormat.Binary ? WebSocketFrames.Binary : WebSocketFrames.Text, records, cancellationToken);

    public void CancelPendingSend() => _socket.Transport.Output.CancelPendingFlush();

    /// <summary>The reply to a peer's close, or a protocol error's close: within <see cref="CloseWait"/>, or the reading fails and ends.</summary>
    private async Task SendCloseAsync(byte[] payload)
    {
        using var patience = new CancellationTokenSource(CloseWait);
        await WriteFrameAsync(WebSocketFrames.Close, payload, patience.Token);
    }

    private async ValueTask<FlushResult> WriteFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _socketWrites.WaitAsync(cancellationToken);
        try
        {
            // Nothing follows a close frame (RFC 6455, 5.5.1).
            if (_closeSent) return new FlushResult(isCanceled: false, isCompleted: true);
            _closeSent = opcode == WebSocketFrames.Close;
            WebSocketFrames.Write(_socket.Transport.Output, opcode, payload.Span);
            return await _socket.Transport.Output.FlushAsync(cancellationToken);
        }
        finally
        {
            _socketWrites.Release();
        }
    }
}
