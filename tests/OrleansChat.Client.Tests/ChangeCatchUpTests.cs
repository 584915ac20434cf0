using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>Changes made while a client was away (edits, reactions, deletions) reach it once each, in change order, when it is back.</summary>
public sealed class ChangeCatchUpTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 2);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Changes_made_while_the_client_was_cut_off_are_delivered_once_in_change_order_after_it_reconnects()
    {
        await using var split = await SplitRoom.StartAsync(_system, "Changes");
        var (bob, alice, room) = split;
        for (var i = 1; i <= 3; i++) await bob.Connection.SendAsync(room.RoomId, $"m{i}");
        await alice.WaitForMessagesAsync(3);
        await bob.Connection.EditMessageAsync(room.RoomId, 1, "m1, edited");
        await alice.WaitForChangesAsync(1);

        await _system.StopWebNodeAsync(0);
        await bob.Connection.SetReactionAsync(room.RoomId, 2, "👍", reacted: true);
        await bob.Connection.DeleteMessageAsync(room.RoomId, 3);
        await bob.Api.EditMessageAsync(room.RoomId, 2, "m2, edited");
        _system.StartWebNode(0);
        await alice.WaitForChangesAsync(4);
        await bob.Connection.SetReactionAsync(room.RoomId, 2, "👍", reacted: false);
        await alice.WaitForChangesAsync(5);
        await Task.Delay(500);

        Assert.Equal([1L, 2, 3, 4, 5], alice.Changes.Select(c => c.ChangeSeq));
        Assert.Equal(["edited", "reaction", "deleted", "edited", "reaction"], alice.Changes.Select(c => c.Kind));
        Assert.Equal([1L, 2, 3, 2, 2], alice.Changes.Select(c => c.Seq));
        Assert.Equal([1L, 2, 3], alice.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task An_application_that_kept_messages_and_their_changes_gets_the_changes_made_since_when_it_joins_with_both_cursors()
    {
        await using var split = await SplitRoom.StartAsync(_system, "Kept");
        var (bob, alice, room) = split;
        for (var i = 1; i <= 3; i++) await bob.Connection.SendAsync(room.RoomId, $"m{i}");
        await bob.Connection.EditMessageAsync(room.RoomId, 1, "m1, edited");
        await alice.WaitForChangesAsync(1);
        // Alice's application stored what it was given (messages 1 to 3, change 1); meanwhile Bob goes on.
        await bob.Connection.SetReactionAsync(room.RoomId, 2, "👍", reacted: true);
        await bob.Connection.DeleteMessageAsync(room.RoomId, 3);
        await bob.Api.EditMessageAsync(room.RoomId, 2, "m2, edited");

        // Started again from its store, the application joins with both of its cursors.
        await using var again = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice-again");
        await again.Connection.JoinRoomAsync(room.RoomId, afterSeq: 3, afterChange: 1);
        await again.WaitForChangesAsync(3);
        await bob.Connection.SetReactionAsync(room.RoomId, 2, "👍", reacted: false);
        await again.WaitForChangesAsync(4);
        await Task.Delay(500);

        Assert.Equal([2L, 3, 4, 5], again.Changes.Select(c => c.ChangeSeq));
        Assert.Equal(["reaction", "deleted", "edited", "reaction"], again.Changes.Select(c => c.Kind));
        Assert.Empty(again.Messages);
    }
}
