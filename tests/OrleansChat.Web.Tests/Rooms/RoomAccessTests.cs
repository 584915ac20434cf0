using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Rooms;

/// <summary>
/// Confidentiality of live events: a connection hears a room only after the room admitted its user, and stops at
/// once, on every connection and every web node, when the user may no longer read the room.
/// </summary>
public sealed class RoomAccessTests
{
    [Fact]
    public async Task Rooms_whose_ids_extend_another_rooms_id_hear_nothing_of_it_and_tell_it_nothing()
    {
        await using var system = await ChatSystem.StartAsync();
        await using var pair = await system.RoomPairAsync("Private");
        var (room, _, _, aliceLive, bobLive) = pair;
        await using var mallory = await system.SignInAsync("mallory");
        // Ids may hold ':'. Mallory names her rooms after Alice's private room and the names of its changes' groups.
        string[] shadows = [room.RoomId + ":changes", room.RoomId + ":changes:coalesced"];
        var malloryLive = await mallory.ConnectAsync(features: "coalesced-changes");
        foreach (var id in shadows)
        {
            await mallory.CreateRoomAsync("Shadow", roomId: id);
            await malloryLive.JoinRoomAsync(id);
        }

        var sent = await aliceLive.SendAsync(room.RoomId, "m1", "secret");
        await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, sent.Seq, "secret, edited");
        await aliceLive.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, sent.Seq, "👍", true);
        await ChatTestClient.NextAsync(bobLive.Changes, c => c.Kind == ChangeKind.Reaction);
        foreach (var id in shadows)
        {
            await malloryLive.SendAsync(id, $"s-{id}", "from the shadow");
            await ChatTestClient.NextAsync(malloryLive.Messages, m => m.RoomId == id);
        }
        // A call answered on each connection: whatever the node pushed before it to that connection has arrived.
        await bobLive.Hub.InvokeAsync("MarkRead", room.RoomId, sent.Seq);
        await malloryLive.Hub.InvokeAsync("MarkRead", shadows[0], 1L);

        Assert.DoesNotContain(await ChatTestClient.DrainAsync(malloryLive.Messages, TimeSpan.Zero), m => m.RoomId == room.RoomId);
        Assert.DoesNotContain(await ChatTestClient.DrainAsync(malloryLive.Changes, TimeSpan.Zero), c => c.RoomId == room.RoomId);
        Assert.DoesNotContain(await ChatTestClient.DrainAsync(bobLive.Messages, TimeSpan.Zero), m => m.RoomId != room.RoomId);
        Assert.DoesNotContain(await ChatTestClient.DrainAsync(bobLive.Changes, TimeSpan.Zero), c => c.RoomId != room.RoomId);
    }

    [Fact]
    public async Task A_non_member_calling_JoinRoom_in_a_loop_on_several_connections_receives_nothing_of_a_private_room()
    {
        // The loop runs unthrottled: this is about what refused joins leak, not the limit on calls (AbuseLimitTests).
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Limits:LiveCallsPerMinute"] = "1000000" });
        await using var pair = await system.RoomPairAsync("Private");
        await using var mallory = await system.SignInAsync("mallory");
        var attackers = new List<LiveConnection>();
        for (var i = 0; i < 3; i++) attackers.Add(await mallory.ConnectAsync());

        using var stop = new CancellationTokenSource();
        var refusals = attackers.Select(live => KeepJoiningAsync(live, pair.Room.RoomId, stop.Token)).ToArray();
        const int count = 300;
        for (var i = 1; i <= count; i++) await pair.AliceLive.SendAsync(pair.Room.RoomId, $"secret-{i}", $"secret {i}");
        // Bob, a member on the same node, got the last one: the node relayed every message before it.
        await NextAsync(pair.BobLive.Messages, m => m.Seq == count);
        await stop.CancelAsync();
        var errors = (await Task.WhenAll(refusals)).SelectMany(e => e).ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal($"forbidden: Room '{pair.Room.RoomId}' is private.", error));
        foreach (var live in attackers)
        {
            Assert.Empty(await DrainAsync(live.Messages, TimeSpan.FromSeconds(1)));
            Assert.Empty(await DrainAsync(live.Receipts, TimeSpan.Zero));
            Assert.Empty(await DrainAsync(live.Joined, TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task A_refused_caller_learns_nothing_of_the_room_not_even_its_last_seq()
    {
        await using var system = await ChatSystem.StartAsync();
        await using var pair = await system.RoomPairAsync("Private");
        for (var i = 1; i <= 7; i++) await pair.AliceLive.SendAsync(pair.Room.RoomId, $"m-{i}", $"message {i}");
        await using var mallory = await system.SignInAsync("mallory");
        var live = await mallory.ConnectAsync();

        var joinPastTheEnd = await Assert.ThrowsAsync<HubException>(() => live.JoinRoomAsync(pair.Room.RoomId, afterSeq: 1_000_000));
        var historyPastTheEnd = await mallory.Http.GetAsync($"/api/rooms/{pair.Room.RoomId}/messages?after=1000000");
        var body = await historyPastTheEnd.Content.ReadAsStringAsync();

        Assert.Equal($"forbidden: Room '{pair.Room.RoomId}' is private.", HubErrors.Of(joinPastTheEnd));
        Assert.Equal(HttpStatusCode.Forbidden, historyPastTheEnd.StatusCode);
        Assert.DoesNotContain("seq", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RejoinRoom_listens_again_while_the_user_is_a_member_and_never_joins_them_to_a_public_room_they_left()
    {
        await using var system = await ChatSystem.StartAsync();
        await using var alice = await system.SignInAsync("alice");
        await using var bob = await system.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Open", visibility: "public");
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);
        await (await bob.ConnectAsync()).JoinRoomAsync(room.RoomId);
        await aliceLive.SendAsync(room.RoomId, "m-1", "first");

        // A member's reconnect: the messages after the seq held, then live ones.
        var bobAgain = await bob.ConnectAsync();
        var snapshot = await bobAgain.Hub.InvokeAsync<RoomSnapshot>("RejoinRoom", room.RoomId, 0L);
        Assert.Equal([1L], snapshot.Messages.Select(m => m.Seq));
        await aliceLive.SendAsync(room.RoomId, "m-2", "second");
        Assert.Equal(2, (await NextAsync(bobAgain.Messages)).Seq);

        // Once out, a rejoin is refused and changes nothing; joining stays the way back in.
        await bobAgain.Hub.InvokeAsync("LeaveRoom", room.RoomId);
        var later = await bob.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => later.Hub.InvokeAsync<RoomSnapshot>("RejoinRoom", room.RoomId, 2L));
        Assert.Equal($"forbidden: You are not a member of room '{room.RoomId}'.", HubErrors.Of(refused));
        Assert.Equal([alice.UserId], (await alice.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Members!.Select(m => m.UserId));
        await aliceLive.SendAsync(room.RoomId, "m-3", "third");
        // Pushed to the room's listeners on this node by the time Alice has it: none of it reached the refused connection.
        await NextAsync(aliceLive.Messages, m => m.Seq == 3);
        Assert.Empty(await DrainAsync(later.Messages, TimeSpan.FromSeconds(1)));
        Assert.Equal(3, (await later.JoinRoomAsync(room.RoomId, afterSeq: 2)).Messages.Single().Seq);
    }

    [Theory]
    [InlineData("removed by the owner")]
    [InlineData("left from one of two connections")]
    public async Task A_member_who_is_out_hears_nothing_on_any_connection_of_any_node_until_added_again(string how)
    {
        await using var system = await ChatSystem.StartAsync(webNodes: 2);
        var (nodeA, nodeB) = (system.Nodes[0], system.Nodes[1]);
        await using var alice = await system.SignInAsync("alice", nodeA);
        await using var bob = await system.SignInAsync("bob", nodeA);
        var room = await alice.CreateRoomAsync("Team");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);
        LiveConnection[] bobs = [await bob.ConnectAsync(nodeA), await bob.ConnectAsync(nodeB)];
        foreach (var live in bobs) await live.JoinRoomAsync(room.RoomId);
        await aliceLive.SendAsync(room.RoomId, "m-1", "before");
        foreach (var live in bobs) Assert.Equal(1, (await NextAsync(live.Messages)).Seq);

        if (how.StartsWith("removed")) (await alice.Http.DeleteAsync($"/api/rooms/{room.RoomId}/members/{bob.UserId}")).EnsureSuccessStatusCode();
        else await bobs[0].Hub.InvokeAsync("LeaveRoom", room.RoomId);
        foreach (var live in bobs)
        {
            Assert.Equal(new MemberLeft(room.RoomId, bob.UserId), await NextAsync(live.Left));
            Assert.Equal(new RoomLeft(room.RoomId), await NextAsync(live.RoomsLeft));
        }
        for (var i = 2; i <= 21; i++) await aliceLive.SendAsync(room.RoomId, $"m-{i}", $"while out {i}");
        await NextAsync(aliceLive.Messages, m => m.Seq == 21);

        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        foreach (var live in bobs)
        {
            var snapshot = await live.JoinRoomAsync(room.RoomId, afterSeq: 1);
            Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), snapshot.Messages.Select(m => m.Seq));
        }
        await aliceLive.SendAsync(room.RoomId, "m-22", "after");

        // The first message either connection hears after it was out is the one sent after it came back: nothing
        // of what was sent while it was out, and nothing twice.
        foreach (var live in bobs)
        {
            Assert.Equal(22, (await NextAsync(live.Messages)).Seq);
            Assert.Empty(await DrainAsync(live.Messages, TimeSpan.FromSeconds(2)));
        }
        // Only the one who is out is told so.
        Assert.Empty(await DrainAsync(aliceLive.RoomsLeft, TimeSpan.Zero));
    }

    /// <summary>Calls JoinRoom until stopped; returns the protocol errors of the refusals.</summary>
    private static async Task<List<string>> KeepJoiningAsync(LiveConnection live, string roomId, CancellationToken stop)
    {
        var errors = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await live.JoinRoomAsync(roomId);
                errors.Add("admitted");
            }
            catch (HubException refused)
            {
                errors.Add(HubErrors.Of(refused));
            }
        }
        return errors;
    }
}
