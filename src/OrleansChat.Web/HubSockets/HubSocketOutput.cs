using System.Buffers;
using System.IO.Pipelines;

namespace OrleansChat.Web.HubSockets;

/// <summary>
/// The hub's output: what it writes is held until it flushes, then goes to the socket as one WebSocket message. The
/// hub flushes whole records, so each message holds whole records, as SignalR's transport sends them. The buffer is
/// rented for a write and returned at its flush: an idle connection holds none.
/// </summary>
internal sealed class HubSocketOutput(HubSocketConnection connection) : PipeWriter
{
    private byte[]? _buffer;
    private int _written;
    private bool _completed;

    public override void Advance(int bytes) => _written += bytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_buffer is null) return new FlushResult(isCanceled: false, isCompleted: _completed);
        var buffer = _buffer;
        var written = _written;
        _buffer = null;
        _written = 0;
        try
        {
            return await connection.SendMessageAsync(buffer.AsMemory(0, written), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void CancelPendingFlush() => connection.CancelPendingSend();

    public override void Complete(Exception? exception = null)
    {
        _completed = true;
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _written = 0;
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (_buffer is not null && _buffer.Length >= needed) return _buffer;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer is null ? 4096 : _buffer.Length * 2));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        return _buffer = larger;
    }
}
