using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// <see cref="ChatConnection.SendAsync"/> returns once the server acknowledged the message, trying again (hub,
/// then REST) with the same clientMessageId through a web node's restart; the message is stored once.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_send_made_while_the_web_node_is_down_is_acknowledged_once_it_is_back_and_stored_once()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        var room = await alice.Api.CreateRoomAsync("Outbox");
        await alice.Connection.JoinRoomAsync(room.RoomId);

        await _system.StopWebNodeAsync(0);
        var sending = alice.Connection.SendAsync(room.RoomId, "written while the node was down", new OutgoingMessage { ClientMessageId = "outbox-1" });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(sending.IsCompleted, "Nothing can acknowledge a send while the only web node is down.");
        _system.StartWebNode(0);
        var ack = await sending.WaitAsync(TimeSpan.FromSeconds(60));

        var history = await alice.Api.GetMessagesAsync(room.RoomId, after: 0);
        var stored = Assert.Single(history.Messages);
        Assert.Equal(("outbox-1", ack.Seq, ack.MessageId), (stored.ClientMessageId, stored.Seq, stored.MessageId));
        await alice.WaitForMessagesAsync(1);
        await Task.Delay(500);
        Assert.Equal([ack.Seq], alice.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task Sends_in_flight_across_a_web_node_restart_are_each_stored_once_in_the_order_they_were_made()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        var room = await alice.Api.CreateRoomAsync("Restart");
        await alice.Connection.JoinRoomAsync(room.RoomId);

        var sends = Enumerable.Range(1, 30).Select(i => alice.Connection.SendAsync(room.RoomId, $"m{i}", new OutgoingMessage { ClientMessageId = $"c{i}" })).ToList();
        await Eventually.TrueAsync(() => sends.Count(s => s.IsCompleted) >= 5, TimeSpan.FromSeconds(30), () => "the first sends acknowledged");
        await _system.RestartWebNodeAsync(0);
        var acks = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(90));

        var history = await alice.Api.GetMessagesAsync(room.RoomId, after: 0, limit: 200);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"c{i}"), history.Messages.Select(m => m.ClientMessageId));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), acks.Select(a => a.Seq));
        await alice.WaitForMessagesAsync(30);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), alice.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_retry_with_the_same_client_message_id_returns_the_original_and_a_refusal_is_not_retried()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        var room = await alice.Api.CreateRoomAsync("Retry");
        await alice.Connection.JoinRoomAsync(room.RoomId);

        var first = await alice.Connection.SendAsync(room.RoomId, "once", new OutgoingMessage { ClientMessageId = "same" });
        var again = await alice.Connection.SendAsync(room.RoomId, "once", new OutgoingMessage { ClientMessageId = "same" });
        var overRest = await alice.Api.SendMessageAsync(room.RoomId, "same", "once");
        var empty = await Assert.ThrowsAsync<ChatRequestException>(() => alice.Connection.SendAsync(room.RoomId, "   ").WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.True(overRest.Duplicate);
        Assert.Equal([first.Seq, first.Seq], new[] { again.Seq, overRest.Message.Seq });
        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "invalid"), (empty.Status, empty.Word));
        Assert.Single((await alice.Api.GetMessagesAsync(room.RoomId)).Messages);
    }
}
