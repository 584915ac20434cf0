using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// A client cut off from its web node (the node stops; another node keeps the room going) comes back by itself,
/// rejoins with the highest seq it delivered, fills the rest over REST, and delivers every message once, in order.
/// </summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 2);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Messages_sent_while_the_client_was_cut_off_arrive_once_and_in_order_after_it_reconnects()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("Catch-up", visibility: "public");
        await using var alice = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice");
        await alice.Connection.JoinRoomAsync(room.RoomId);
        for (var i = 1; i <= 3; i++) await bob.Connection.SendAsync(room.RoomId, $"before {i}");
        await alice.WaitForMessagesAsync(3);

        await _system.StopWebNodeAsync(0);
        // More than a snapshot's page: the rejoin brings the first page, REST the rest.
        for (var i = 1; i <= 70; i++) await bob.Connection.SendAsync(room.RoomId, $"away {i}");
        _system.StartWebNode(0);
        await alice.WaitForMessagesAsync(73);
        await bob.Connection.SendAsync(room.RoomId, "back");
        await alice.WaitForMessagesAsync(74);

        Assert.Equal(Enumerable.Range(1, 74).Select(i => (long)i), alice.Messages.Select(m => m.Seq));
        Assert.Equal([.. Enumerable.Range(1, 3).Select(i => $"before {i}"), .. Enumerable.Range(1, 70).Select(i => $"away {i}"), "back"],
            alice.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Messages_that_keep_coming_through_a_web_node_restart_are_delivered_once_each_in_order()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("Overlap", visibility: "public");
        await using var alice = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice");
        await alice.Connection.JoinRoomAsync(room.RoomId);

        // Pushes before the cut, the rejoin's snapshot, the REST fill and the pushes after it overlap here: the
        // client drops what it delivered already.
        var sending = Task.Run(async () =>
        {
            for (var i = 1; i <= 60; i++)
            {
                await bob.Connection.SendAsync(room.RoomId, $"m{i}");
                await Task.Delay(25);
            }
        });
        await alice.WaitForMessagesAsync(10);
        await _system.RestartWebNodeAsync(0);
        await sending;
        await alice.WaitForMessagesAsync(60);
        await Task.Delay(500);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), alice.Messages.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"m{i}"), alice.Messages.Select(m => m.Text));
    }
}
