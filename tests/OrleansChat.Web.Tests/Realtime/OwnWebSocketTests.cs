using System.Buffers.Binary;
using System.Text;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Realtime;

/// <summary>
/// The hub's WebSockets on the node's own transport (<c>Chat:Realtime:OwnWebSockets</c>, on by default), met as a
/// client meets them on the wire: the handshake, RFC 6455's frames and closes, SignalR's records, and the same refusals
/// as the rest of the hub. Every other test's SignalR client goes over it too.
/// </summary>
public sealed class OwnWebSocketTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private const string Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e";
    private const string HandshakeAnswer = "{}\u001e";

    private ChatSystem System => fixture.System;

    [Fact]
    public async Task A_socket_written_by_hand_opens_speaks_SignalR_in_split_frames_answers_pings_and_closes_as_RFC_6455_asks()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("By hand");
        await using var socket = await RawHubSocket.ConnectAsync(alice.Node);
        var (head, accept) = RawHubSocket.UpgradeHead(alice.Node, alice.AccessToken);
        await socket.SendAsync(head);
        var answer = await socket.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101 ", answer);
        Assert.Contains($"Sec-WebSocket-Accept: {accept}\r\n", answer);

        // SignalR's handshake in two frames, the second a continuation: what matters is the records, not the frames.
        await socket.SendTextAsync(Handshake[..10], final: false);
        await socket.SendTextAsync(Handshake[10..], final: true, opcode: 0x0);
        Assert.Equal(HandshakeAnswer, await socket.ReceiveTextAsync());

        await socket.SendFrameAsync(0x9, Encoding.UTF8.GetBytes("are you there"));
        var (pongOpcode, pong) = await socket.ReceiveFrameAsync();
        Assert.Equal((0xA, "are you there"), (pongOpcode, Encoding.UTF8.GetString(pong)));

        await socket.SendTextAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"JoinRoom\",\"arguments\":[\"{room.RoomId}\",null]}}\u001e");
        var completion = await socket.ReceiveRecordAsync(record => record.Contains("\"invocationId\":\"1\""));
        Assert.Contains("\"type\":3", completion);
        Assert.Contains("\"invocationId\":\"1\"", completion);
        Assert.Contains($"\"roomId\":\"{room.RoomId}\"", completion);

        await socket.SendFrameAsync(0x8, CloseCode(1000));
        Assert.Equal(1000, await socket.ReceiveCloseAsync());
        Assert.Equal("", await socket.ReadToEndAsync());
    }

    [Fact]
    public async Task An_unmasked_client_frame_ends_the_socket_with_a_protocol_error()
    {
        await using var bob = await System.SignInAsync("bob");
        await using var socket = await OpenAsync(bob);
        await socket.SendFrameAsync(0x1, Encoding.UTF8.GetBytes("{\"type\":6}\u001e"), masked: false);
        Assert.Equal(1002, await socket.ReceiveCloseAsync());
        Assert.Equal("", await socket.ReadToEndAsync());
    }

    [Fact]
    public async Task Upgrades_without_a_token_or_from_a_foreign_page_are_refused_before_any_socket_opens()
    {
        await using var carol = await System.SignInAsync("carol");
        await using (var anonymous = await RawHubSocket.ConnectAsync(carol.Node))
        {
            await anonymous.SendAsync(RawHubSocket.UpgradeHead(carol.Node, accessToken: null).Head);
            Assert.StartsWith("HTTP/1.1 401 ", await anonymous.ReadHeadAsync());
        }
        await using var foreign = await RawHubSocket.ConnectAsync(carol.Node);
        await foreign.SendAsync(RawHubSocket.UpgradeHead(carol.Node, carol.AccessToken, origin: "https://elsewhere.example").Head);
        var refusal = await foreign.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 403 ", refusal);
        Assert.Contains("Content-Type: application/problem+json", refusal);
        Assert.Contains("Pages of https://elsewhere.example may not connect", await foreign.ReadToEndAsync());
    }

    [Fact]
    public async Task A_hub_upgrade_that_comes_a_few_bytes_at_a_time_or_after_another_request_is_still_served()
    {
        await using var dave = await System.SignInAsync("dave");
        await using (var slow = await RawHubSocket.ConnectAsync(dave.Node))
        {
            var head = Encoding.ASCII.GetBytes(RawHubSocket.UpgradeHead(dave.Node, dave.AccessToken).Head);
            foreach (var piece in head.Chunk(7))
            {
                await slow.SendAsync(piece);
                await Task.Delay(5);
            }
            Assert.StartsWith("HTTP/1.1 101 ", await slow.ReadHeadAsync());
            await slow.SendTextAsync(Handshake);
            Assert.Equal(HandshakeAnswer, await slow.ReceiveTextAsync());
        }

        // A connection whose first request is not an upgrade is ASP.NET Core's from its first byte, the upgrade after it too.
        await using var kept = await RawHubSocket.ConnectAsync(dave.Node);
        await kept.SendAsync($"GET /alive HTTP/1.1\r\nHost: {dave.Node.BaseAddress.Authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", await kept.ReadResponseAsync());
        await kept.SendAsync(RawHubSocket.UpgradeHead(dave.Node, dave.AccessToken).Head);
        Assert.StartsWith("HTTP/1.1 101 ", await kept.ReadHeadAsync());
        await kept.SendTextAsync(Handshake);
        Assert.Equal(HandshakeAnswer, await kept.ReceiveTextAsync());
    }

    [Fact]
    public async Task A_hub_request_that_is_not_an_upgrade_and_comes_in_pieces_is_answered_by_ASP_NET_Core()
    {
        await using var frank = await System.SignInAsync("frank");
        await using var socket = await RawHubSocket.ConnectAsync(frank.Node);
        // A long poll of a connection nobody negotiated, its head in two pieces: SignalR's own answer, not a dropped connection.
        await socket.SendAsync($"GET /hubs/chat?id=nobody&access_token={Uri.EscapeDataString(frank.AccessToken)} HTTP/1.1\r\n");
        await Task.Delay(50);
        await socket.SendAsync($"Host: {frank.Node.BaseAddress.Authority}\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 404 ", await socket.ReadHeadAsync());
    }

    [Fact]
    public async Task Behind_a_proxy_that_forwards_the_clients_address_upgrades_are_limited_per_client_not_per_proxy()
    {
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "1",
        });
        await using var grace = await system.SignInAsync("grace");
        async Task<string> UpgradeFromAsync(string clientAddress)
        {
            await using var socket = await RawHubSocket.ConnectAsync(grace.Node);
            var head = RawHubSocket.UpgradeHead(grace.Node, grace.AccessToken).Head;
            await socket.SendAsync(head.Replace("\r\n\r\n", $"\r\nX-Forwarded-For: {clientAddress}\r\n\r\n"));
            return (await socket.ReadHeadAsync()).Split("\r\n")[0];
        }

        Assert.StartsWith("HTTP/1.1 101 ", await UpgradeFromAsync("203.0.113.1"));
        Assert.StartsWith("HTTP/1.1 101 ", await UpgradeFromAsync("203.0.113.2"));
        Assert.StartsWith("HTTP/1.1 429 ", await UpgradeFromAsync("203.0.113.1"));
    }

    [Fact]
    public async Task With_its_own_websockets_off_the_node_serves_the_hub_over_SignalRs_as_before()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:OwnWebSockets"] = "false" });
        await using var erin = await system.SignInAsync("erin");
        var room = await erin.CreateRoomAsync("SignalR's own");
        var live = await erin.ConnectAsync();
        await live.JoinRoomAsync(room.RoomId);
        await live.SendAsync(room.RoomId, "own-off", "still here");
        Assert.Equal("still here", (await ChatTestClient.NextAsync(live.Messages)).Text);
    }

    private static async Task<RawHubSocket> OpenAsync(ChatTestClient client)
    {
        var socket = await RawHubSocket.ConnectAsync(client.Node);
        await socket.SendAsync(RawHubSocket.UpgradeHead(client.Node, client.AccessToken).Head);
        Assert.StartsWith("HTTP/1.1 101 ", await socket.ReadHeadAsync());
        await socket.SendTextAsync(Handshake);
        Assert.Equal(HandshakeAnswer, await socket.ReceiveTextAsync());
        return socket;
    }

    private static byte[] CloseCode(ushort code)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        return payload;
    }
}
