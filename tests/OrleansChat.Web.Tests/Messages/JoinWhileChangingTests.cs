using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>
/// A join whose snapshot is read from the log (older than the room's window of four messages) while a member changes
/// a message of that page: the read is held until the change is stored and its node has relayed it.
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
}
