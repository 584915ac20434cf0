using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.HubSockets;

/// <summary>
/// The first request on a connection, when it is a well-formed HTTP/1.1 WebSocket upgrade to the hub
/// (<c>GET /hubs/chat?... Upgrade: websocket</c>). Anything else, or anything this parser is unsure of, is left to
/// ASP.NET Core, which answers it as it would have without this class.
/// </summary>
internal sealed class HubUpgradeRequest
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes($"GET {ChatHubRoutes.Path}");
    private static readonly SearchValues<char> HeadCharacters = SearchValues.Create(
        "\t\r\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
    private static readonly SearchValues<char> HostCharacters = SearchValues.Create(
        "-.0123456789:ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz");

    public required PathString Path { get; init; }
    public required QueryString Query { get; init; }
    public required IHeaderDictionary Headers { get; init; }

    /// <summary>The <c>Sec-WebSocket-Accept</c> the handshake's answer carries (RFC 6455, 4.2.2).</summary>
    public string Accept => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(Headers.SecWebSocketKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    public enum Peek
    {
        /// <summary>So far it could be one: wait for more of the head.</summary>
        NeedMore,

        /// <summary>It is one; the head ends at the position given.</summary>
        Upgrade,

        /// <summary>Not one (or not one this parser takes): ASP.NET Core answers it.</summary>
        Other,
    }

    public static Peek TryParse(in ReadOnlySequence<byte> buffer, int maxHeadLength, out HubUpgradeRequest? request, out SequencePosition headEnd)
    {
        request = null;
        headEnd = buffer.Start;
        if (!StartsWithHubPath(buffer)) return Peek.Other;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd))
        {
            return buffer.Length < maxHeadLength ? Peek.NeedMore : Peek.Other;
        }
        if (head.Length > maxHeadLength) return Peek.Other;
        headEnd = reader.Position;
        request = Parse(Encoding.Latin1.GetString(head));
        return request is null ? Peek.Other : Peek.Upgrade;
    }

    /// <summary>As much of the request line as has come matches <c>GET /hubs/chat</c> followed by <c>?</c> or a space.</summary>
    private static bool StartsWithHubPath(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[Prefix.Length + 1];
        var available = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, available).CopyTo(start);
        for (var i = 0; i < Math.Min(available, Prefix.Length); i++)
        {
            if (char.ToLowerInvariant((char)start[i]) != char.ToLowerInvariant((char)Prefix[i])) return false;
        }
        return available <= Prefix.Length || start[Prefix.Length] is (byte)'?' or (byte)' ';
    }

    private static HubUpgradeRequest? Parse(string head)
    {
        // Control characters, a lone CR or LF, and anything past ASCII: Kestrel answers those with 400 (or decodes them
        // its own way), so they are its to answer.
        if (head.AsSpan().IndexOfAnyExcept(HeadCharacters) >= 0) return null;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine is not ["GET", var target, "HTTP/1.1"]) return null;
        var queryStart = target.IndexOf('?');
        IHeaderDictionary headers = new HeaderDictionary();
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':');
            // Folded lines, names with spaces and lines without a colon: ASP.NET Core refuses them with 400.
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(' ', '\t') || line.AsSpan().ContainsAny('\r', '\n')) return null;
            headers.Append(line[..colon], line[(colon + 1)..].Trim(' ', '\t'));
        }
        if (!HasToken(headers.Upgrade, "websocket") || !HasToken(headers.Connection, "upgrade")
            || headers.SecWebSocketVersion != "13" || !IsKey(headers.SecWebSocketKey)
            || headers.Host is not [{ Length: > 0 } host] || host.AsSpan().IndexOfAnyExcept(HostCharacters) >= 0
            || headers.ContainsKey(HeaderNames.ContentLength) || headers.ContainsKey(HeaderNames.TransferEncoding))
        {
            return null;
        }
        return new HubUpgradeRequest
        {
            Path = PathString.FromUriComponent(queryStart < 0 ? target : target[..queryStart]),
            Query = new QueryString(queryStart < 0 ? null : target[queryStart..]),
            Headers = headers,
        };
    }

    private static bool HasToken(string? header, string token) =>
        header is not null && header.Split(',', StringSplitOptions.TrimEntries).Contains(token, StringComparer.OrdinalIgnoreCase);

    private static bool IsKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[16];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }
}
