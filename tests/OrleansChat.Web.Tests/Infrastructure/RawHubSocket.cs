using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// A WebSocket to the hub written by hand, byte by byte, to show what a client library would hide: the handshake's
/// answer, frames split or broken on purpose, control frames, and how the server closes.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHubSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHubSocket> ConnectAsync(TestWebNode node)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port);
        return new RawHubSocket(tcp);
    }

    /// <summary>A hub upgrade's head, with the key it sends and the accept value a server must answer with.</summary>
    public static (string Head, string Accept) UpgradeHead(TestWebNode node, string? accessToken, string? origin = null)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var query = accessToken is null ? "" : $"?access_token={Uri.EscapeDataString(accessToken)}";
        var head = $"GET /hubs/chat{query} HTTP/1.1\r\nHost: {node.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                   $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{(origin is null ? "" : $"Origin: {origin}\r\n")}\r\n";
        return (head, accept);
    }

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>An HTTP response's head: its status line and headers, up to the blank line.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(Patience);
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await _stream.ReadAsync(one, timeout.Token) == 0) break;
            head.Add(one[0]);
        }
        return Encoding.ASCII.GetString([.. head]);
    }

    /// <summary>A whole response that keeps the connection open: its head, then its body (chunked or of a length).</summary>
    public async Task<string> ReadResponseAsync()
    {
        var head = await ReadHeadAsync();
        using var timeout = new CancellationTokenSource(Patience);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = new List<byte>();
            var one = new byte[1];
            while (!Encoding.ASCII.GetString([.. body]).EndsWith("0\r\n\r\n", StringComparison.Ordinal))
            {
                await _stream.ReadExactlyAsync(one, timeout.Token);
                body.Add(one[0]);
            }
        }
        else
        {
            var length = head.Split("\r\n").Single(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..];
            await _stream.ReadExactlyAsync(new byte[int.Parse(length.Trim())], timeout.Token);
        }
        return head;
    }

    /// <summary>The rest of what the server sends until it closes the connection.</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var rest = new MemoryStream();
        await _stream.CopyToAsync(rest, timeout.Token);
        return Encoding.UTF8.GetString(rest.ToArray());
    }

    /// <summary>A client frame: masked, as RFC 6455 requires of clients, unless <paramref name="masked"/> is false.</summary>
    public Task SendFrameAsync(byte opcode, byte[] payload, bool final = true, bool masked = true)
    {
        var frame = new List<byte> { (byte)((final ? 0x80 : 0) | opcode) };
        var maskBit = masked ? 0x80 : 0;
        if (payload.Length < 126) frame.Add((byte)(maskBit | payload.Length));
        else
        {
            frame.Add((byte)(maskBit | 126));
            frame.Add((byte)(payload.Length >> 8));
            frame.Add((byte)payload.Length);
        }
        var mask = masked ? RandomNumberGenerator.GetBytes(4) : [0, 0, 0, 0];
        if (masked) frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i & 3])));
        return SendAsync([.. frame]);
    }

    public Task SendTextAsync(string text, bool final = true, byte opcode = 0x1) => SendFrameAsync(opcode, Encoding.UTF8.GetBytes(text), final);

    /// <summary>The server's next frame: its opcode and payload (servers never mask).</summary>
    public async Task<(byte Opcode, byte[] Payload)> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var header = new byte[2];
        await _stream.ReadExactlyAsync(header, timeout.Token);
        Assert.True((header[0] & 0x80) != 0, "The server sends each message as one final frame.");
        Assert.True((header[1] & 0x80) == 0, "A server never masks its frames.");
        long length = header[1] & 0x7F;
        if (length >= 126)
        {
            var extended = new byte[length == 126 ? 2 : 8];
            await _stream.ReadExactlyAsync(extended, timeout.Token);
            length = length == 126 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, timeout.Token);
        return ((byte)(header[0] & 0x0F), payload);
    }

    /// <summary>The next text frame's SignalR records, skipping the hub's pings.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        while (true)
        {
            var (opcode, payload) = await ReceiveFrameAsync();
            Assert.Equal(0x1, opcode);
            var text = Encoding.UTF8.GetString(payload);
            if (text != "{\"type\":6}\u001e") return text;
        }
    }

    /// <summary>The code of the server's close frame, passing over what it sent before it (pushes already on their way).</summary>
    public async Task<int> ReceiveCloseAsync()
    {
        while (true)
        {
            var (opcode, payload) = await ReceiveFrameAsync();
            if (opcode == 0x1) continue;
            Assert.Equal(0x8, opcode);
            return BinaryPrimitives.ReadUInt16BigEndian(payload);
        }
    }

    /// <summary>The first SignalR record that matches, passing over the others (pushed events, pings).</summary>
    public async Task<string> ReceiveRecordAsync(Func<string, bool> match)
    {
        while (true)
        {
            var records = (await ReceiveTextAsync()).Split('\u001e', StringSplitOptions.RemoveEmptyEntries);
            if (records.FirstOrDefault(match) is { } found) return found;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
