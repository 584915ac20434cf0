using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>
/// A join whose snapshot is read from the log (older than the room's window of four messages) while a member changes
/// a message of that page and sends another: the read is held until both are stored and their node has relayed them.
/// </summary>
public sealed class JoinWhileChangingTests
{
    [Fact]
    public async Task A_change_stored_while_a_joins_page_is_read_reaches_the_joiner_with_the_snapshot_and_a_page_ends_at_its_last_seq()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Rooms:WindowSize"] = "4" });
        await using var pair = await system.RoomPairAsync("Changing while read");
        var (room, _, bob, aliceLive, _) = pair;
        for (var i = 1; i <= 8; i++) await aliceLive.SendAsync(room.RoomId, $"m{i}", $"message {i}");
        var bobAgain = await bob.ConnectAsync();
        var held = new TaskCompletionSource();
        var read = PlannedFaults.Plan(PlannedFaults.Reads(room.RoomId), Fault.Stale, held.Task);

        var joining = bobAgain.JoinRoomAsync(room.RoomId, afterSeq: 0);
        await read;
        await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, 1L, "message 1, edited");
        Assert.Equal(1L, (await ChatTestClient.NextAsync(aliceLive.Changes)).ChangeSeq);
        var appended = await aliceLive.SendAsync(room.RoomId, "m9", "message 9");
        await ChatTestClient.NextAsync(aliceLive.Messages, m => m.Seq == appended.Seq);
        held.SetResult();
        var snapshot = await joining;

        // The page was read before the edit and before message 9: its lastChange and lastSeq do not count them, so the
        // join tops the snapshot up with both (the node had relayed them), and nothing reaches Bob later to skip.
        var replica = new RoomReplica(bob.UserId);
        replica.Joined(snapshot, held: false);
        replica.Reached(snapshot.LastChange);
        Assert.Equal("message 1, edited", replica.Messages.Single(m => m.Seq == 1).Text);
        Assert.Equal((1L, appended.Seq), (replica.Cursor, snapshot.LastSeq));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), replica.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_connection_that_joins_again_while_listening_gets_what_was_relayed_meanwhile_once_as_pushes_and_not_in_its_snapshot()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Rooms:WindowSize"] = "4" });
        await using var pair = await system.RoomPairAsync("Joined again while listening");
        var (room, _, _, aliceLive, bobLive) = pair;
        for (var i = 1; i <= 8; i++) await aliceLive.SendAsync(room.RoomId, $"m{i}", $"message {i}");
        await ChatTestClient.NextAsync(bobLive.Messages, m => m.Seq == 8);
        var held = new TaskCompletionSource();
        var read = PlannedFaults.Plan(PlannedFaults.Reads(room.RoomId), Fault.Stale, held.Task);

        // Bob's connection listens throughout: what the node relays while his new join is on its way is pushed to it.
        var joining = bobLive.JoinRoomAsync(room.RoomId, afterSeq: 0);
        await read;
        await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, 1L, "message 1, edited");
        var appended = await aliceLive.SendAsync(room.RoomId, "m9", "message 9");
        Assert.Equal(9L, (await ChatTestClient.NextAsync(bobLive.Messages)).Seq);
        Assert.Equal(1L, (await ChatTestClient.NextAsync(bobLive.Changes)).ChangeSeq);
        held.SetResult();
        var snapshot = await joining;

        // So the snapshot stops where its page was read: topped up, it would hold message 9 and the edit a second time.
        Assert.Equal((8L, 0L), (snapshot.LastSeq, snapshot.LastChange));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), snapshot.Messages.Select(m => m.Seq));
        Assert.Empty(snapshot.Changes ?? []);
        await aliceLive.SendAsync(room.RoomId, "m10", "message 10");
        Assert.Equal(appended.Seq + 1, (await ChatTestClient.NextAsync(bobLive.Messages)).Seq);
    }
}
