using System.Buffers;
using System.Buffers.Binary;

namespace OrleansChat.Web.HubSockets;

/// <summary>RFC 6455 frames as a server writes them: unmasked, whole, one frame a message.</summary>
internal static class WebSocketFrames
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>Close codes (RFC 6455, 7.4.1).</summary>
    public const ushort NormalClosure = 1000;
    public const ushort ProtocolError = 1002;
    public const ushort InternalError = 1011;

    /// <summary>A control frame's payload is at most this long (RFC 6455, 5.5).</summary>
    public const int MaxControlPayload = 125;

    /// <summary>Writes one final frame: its header, then the payload.</summary>
    public static void Write(IBufferWriter<byte> output, byte opcode, ReadOnlySpan<byte> payload)
    {
        WriteHeader(output, opcode, payload.Length);
        output.Write(payload);
    }

    /// <summary>A close frame's payload: the code, big-endian.</summary>
    public static byte[] ClosePayload(ushort code)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        return payload;
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte opcode, long length)
    {
        var header = output.GetSpan(10);
        header[0] = (byte)(0x80 | opcode);
        int written;
        if (length <= MaxControlPayload)
        {
            header[1] = (byte)length;
            written = 2;
        }
        else if (length <= ushort.MaxValue)
        {
            header[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)length);
            written = 4;
        }
        else
        {
            header[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)length);
            written = 10;
        }
        output.Advance(written);
    }
}
