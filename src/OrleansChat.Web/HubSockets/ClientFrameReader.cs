using System.Buffers;
using System.Buffers.Binary;

namespace OrleansChat.Web.HubSockets;

/// <summary>What <see cref="ClientFrameReader.Read"/> stopped at.</summary>
internal enum FrameRead
{
    /// <summary>The buffer ran out: read more and call again.</summary>
    NeedMore,

    /// <summary>A whole control frame (close, ping or pong), consumed from the buffer.</summary>
    Control,

    /// <summary>The peer broke RFC 6455: the connection ends with a protocol error.</summary>
    Invalid,
}

/// <summary>
/// Reads a client's RFC 6455 frames as they arrive, in whatever pieces: data frames' payloads go straight to the hub's
/// input, unmasked, without gathering a message first (SignalR's own records say where messages end, and the hub
/// limits their size); control frames come back whole. A struct kept in its connection: it costs no object of its own.
/// </summary>
internal struct ClientFrameReader
{
    private long _payloadLeft;
    private uint _mask;
    private int _maskOffset;
    private bool _inMessage;

    /// <summary>
    /// Moves data payload from <paramref name="buffer"/> to <paramref name="data"/> (dropped when it is null) until the
    /// buffer runs out or a control frame is whole.
    /// </summary>
    public FrameRead Read(ref ReadOnlySequence<byte> buffer, IBufferWriter<byte>? data, out byte opcode, out byte[] controlPayload)
    {
        opcode = 0;
        controlPayload = [];
        Span<byte> head = stackalloc byte[14];
        while (true)
        {
            if (_payloadLeft > 0)
            {
                if (buffer.IsEmpty) return FrameRead.NeedMore;
                var payload = buffer.Slice(0, Math.Min(_payloadLeft, buffer.Length));
                foreach (var segment in payload)
                {
                    if (data is null) _maskOffset = (_maskOffset + segment.Length) & 3;
                    else
                    {
                        Unmask(segment.Span, data.GetSpan(segment.Length), _mask, ref _maskOffset);
                        data.Advance(segment.Length);
                    }
                }
                _payloadLeft -= payload.Length;
                buffer = buffer.Slice(payload.End);
                continue;
            }

            var available = (int)Math.Min(buffer.Length, head.Length);
            if (available < 2) return FrameRead.NeedMore;
            buffer.Slice(0, available).CopyTo(head);
            // No extension was agreed, so the reserved bits must be clear; and a client masks every frame (RFC 6455, 5.1).
            if ((head[0] & 0x70) != 0 || (head[1] & 0x80) == 0) return FrameRead.Invalid;
            var final = (head[0] & 0x80) != 0;
            var frameOpcode = (byte)(head[0] & 0x0F);
            long length = head[1] & 0x7F;
            var headerLength = 2;
            if (length == 126)
            {
                if (available < 4) return FrameRead.NeedMore;
                length = BinaryPrimitives.ReadUInt16BigEndian(head[2..]);
                headerLength = 4;
            }
            else if (length == 127)
            {
                if (available < 10) return FrameRead.NeedMore;
                var longLength = BinaryPrimitives.ReadUInt64BigEndian(head[2..]);
                if (longLength > long.MaxValue) return FrameRead.Invalid;
                length = (long)longLength;
                headerLength = 10;
            }
            if (available < headerLength + 4) return FrameRead.NeedMore;
            var mask = BinaryPrimitives.ReadUInt32BigEndian(head[headerLength..]);
            headerLength += 4;

            switch (frameOpcode)
            {
                case WebSocketFrames.Close or WebSocketFrames.Ping or WebSocketFrames.Pong:
                    if (!final || length > WebSocketFrames.MaxControlPayload) return FrameRead.Invalid;
                    if (buffer.Length < headerLength + length) return FrameRead.NeedMore;
                    controlPayload = new byte[length];
                    var maskOffset = 0;
                    var offset = 0;
                    foreach (var segment in buffer.Slice(headerLength, length))
                    {
                        Unmask(segment.Span, controlPayload.AsSpan(offset), mask, ref maskOffset);
                        offset += segment.Length;
                    }
                    buffer = buffer.Slice(headerLength + length);
                    opcode = frameOpcode;
                    return FrameRead.Control;
                case WebSocketFrames.Text or WebSocketFrames.Binary when !_inMessage:
                case WebSocketFrames.Continuation when _inMessage:
                    _inMessage = !final;
                    _payloadLeft = length;
                    _mask = mask;
                    _maskOffset = 0;
                    buffer = buffer.Slice(headerLength);
                    continue;
                default:
                    // An unknown opcode, a continuation of nothing, or a new message inside another.
                    return FrameRead.Invalid;
            }
        }
    }

    private static void Unmask(ReadOnlySpan<byte> source, Span<byte> destination, uint mask, ref int maskOffset)
    {
        Span<byte> key = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(key, mask);
        for (var i = 0; i < source.Length; i++) destination[i] = (byte)(source[i] ^ key[(maskOffset + i) & 3]);
        maskOffset = (maskOffset + source.Length) & 3;
    }
}
