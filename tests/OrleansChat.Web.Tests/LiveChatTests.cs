using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests;

public sealed class LiveChatTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task Two_users_in_a_room_exchange_messages_live()
    {
        await using var pair = await System.RoomPairAsync("Lunch");
        var (room, alice, bob, aliceLive, bobLive) = pair;

        var ack = await aliceLive.SendAsync(room.RoomId, "a-1", "Noodles?");
        var atBob = await NextAsync(bobLive.Messages);
        await bobLive.SendAsync(room.RoomId, "b-1", "Yes!");
        var atAlice = await NextAsync(aliceLive.Messages, m => m.SenderId == bob.UserId);

        Assert.Equal((room.RoomId, 1L, false), (ack.RoomId, ack.Seq, ack.Duplicate));
        Assert.Equal(("Noodles?", alice.UserId, "alice", 1L, ack.MessageId), (atBob.Text, atBob.SenderId, atBob.SenderName, atBob.Seq, atBob.MessageId));
        Assert.Equal(("Yes!", 2L), (atAlice.Text, atAlice.Seq));
    }

    [Fact]
    public async Task JoinRoom_after_a_seq_returns_exactly_the_messages_missed_while_disconnected()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Catch-up");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var bobLive = await bob.ConnectAsync();
        await bobLive.JoinRoomAsync(room.RoomId);
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.SendAsync(room.RoomId, "c-1", "one");
        var lastSeen = await NextAsync(bobLive.Messages);

        await bobLive.Hub.StopAsync();
        for (var i = 2; i <= 4; i++) await aliceLive.SendAsync(room.RoomId, $"c-{i}", $"missed {i}");
        var back = await bob.ConnectAsync();
        var snapshot = await back.JoinRoomAsync(room.RoomId, lastSeen.Seq);

        Assert.Equal([2L, 3L, 4L], snapshot.Messages.Select(m => m.Seq));
        Assert.Equal(["missed 2", "missed 3", "missed 4"], snapshot.Messages.Select(m => m.Text));
        Assert.Equal(4, snapshot.LastSeq);
        Assert.False(snapshot.HasMore);
    }

    [Fact]
    public async Task Typing_appears_for_others_and_expires_by_itself()
    {
        await using var pair = await System.RoomPairAsync("Typing");
        var (room, alice, bob, aliceLive, bobLive) = pair;

        await aliceLive.Hub.InvokeAsync("SetTyping", room.RoomId, true);
        var started = await NextAsync(bobLive.Typing);
        var stopped = await NextAsync(bobLive.Typing);

        Assert.Equal(new TypingChanged(room.RoomId, alice.UserId, "alice", true), started);
        Assert.Equal(new TypingChanged(room.RoomId, alice.UserId, "alice", false), stopped);
    }

    [Fact]
    public async Task A_user_with_two_connections_stays_online_until_the_last_one_closes()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Presence");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);
        var bobPhone = await bob.ConnectAsync();
        await NextAsync(aliceLive.Presence, p => p.UserId == bob.UserId && p.Status == PresenceStatus.Online);
        var bobLaptop = await bob.ConnectAsync();
        // SignalR runs a connection's invocations only after its OnConnectedAsync: once this returns, the
        // laptop's connection is registered.
        await bobLaptop.JoinRoomAsync(room.RoomId);

        await bobPhone.Hub.StopAsync();
        var snapshot = await aliceLive.JoinRoomAsync(room.RoomId);
        Assert.Equal(PresenceStatus.Online, snapshot.Members.Single(m => m.UserId == bob.UserId).Status);
        Assert.Equal(PresenceStatus.Online, (await alice.GetAsync<PresenceChanged>($"/api/users/{bob.UserId}/presence")).Status);

        await bobLaptop.Hub.StopAsync();
        // The next presence change Alice hears of Bob is the one that counts: nothing went out when the phone left.
        var offline = await NextAsync(aliceLive.Presence, p => p.UserId == bob.UserId);
        Assert.Equal(PresenceStatus.Offline, offline.Status);
        Assert.NotNull(offline.LastSeenAt);
        Assert.Equal(PresenceStatus.Offline, (await alice.GetAsync<PresenceChanged>($"/api/users/{bob.UserId}/presence")).Status);
    }

    [Fact]
    public async Task Away_status_reaches_the_room_and_back_to_online()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Away");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);
        var bobLive = await bob.ConnectAsync();
        await NextAsync(aliceLive.Presence, p => p.UserId == bob.UserId && p.Status == PresenceStatus.Online);

        await bobLive.Hub.InvokeAsync("SetStatus", "away");
        await NextAsync(aliceLive.Presence, p => p.UserId == bob.UserId && p.Status == PresenceStatus.Away);
        await bobLive.Hub.InvokeAsync("SetStatus", "online");
        await NextAsync(aliceLive.Presence, p => p.UserId == bob.UserId && p.Status == PresenceStatus.Online);
    }

    [Fact]
    public async Task Read_receipts_reach_the_room_and_the_unread_count()
    {
        await using var pair = await System.RoomPairAsync("Receipts");
        var (room, alice, bob, aliceLive, bobLive) = pair;
        for (var i = 1; i <= 3; i++) await aliceLive.SendAsync(room.RoomId, $"r-{i}", $"message {i}");
        Assert.Equal(3, (await bob.GetAsync<Room[]>("/api/rooms")).Single(r => r.RoomId == room.RoomId).UnreadCount);

        await bobLive.Hub.InvokeAsync("MarkRead", room.RoomId, 2L);
        var receipt = await NextAsync(aliceLive.Receipts);

        Assert.Equal(new ReadReceipt(room.RoomId, bob.UserId, 2), receipt);
        Assert.Equal(1, (await bob.GetAsync<Room[]>("/api/rooms")).Single(r => r.RoomId == room.RoomId).UnreadCount);
        var rest = await bob.PostAsync($"/api/rooms/{room.RoomId}/read", new { seq = 3 });
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(3, (await NextAsync(aliceLive.Receipts)).Seq);
    }

    [Fact]
    public async Task Members_see_others_join_and_leave()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("Open house", visibility: "public");
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);

        var bobLive = await bob.ConnectAsync();
        var snapshot = await bobLive.JoinRoomAsync(room.RoomId);
        var joined = await NextAsync(aliceLive.Joined);
        await bobLive.Hub.InvokeAsync("LeaveRoom", room.RoomId);
        var left = await NextAsync(aliceLive.Left);

        Assert.Contains(snapshot.Members, m => m.UserId == bob.UserId);
        Assert.Equal((room.RoomId, bob.UserId, MemberRole.Member), (joined.RoomId, joined.Member.UserId, joined.Member.Role));
        Assert.Equal(new MemberLeft(room.RoomId, bob.UserId), left);
        Assert.DoesNotContain((await alice.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Members!, m => m.UserId == bob.UserId);
    }

    [Fact]
    public async Task A_direct_room_is_the_same_room_whoever_opens_it()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");

        var fromAlice = await (await alice.PostAsync($"/api/direct/{bob.UserId}", new { })).Content.ReadFromJsonAsync<Room>(Json);
        var fromBob = await (await bob.PostAsync($"/api/direct/{alice.UserId}", new { })).Content.ReadFromJsonAsync<Room>(Json);

        Assert.Equal(fromAlice!.RoomId, fromBob!.RoomId);
        Assert.Equal(RoomKind.Direct, fromAlice.Kind);
        Assert.Equal([alice.UserId, bob.UserId], fromAlice.Members!.Select(m => m.UserId).Order());
        Assert.Contains(await bob.GetAsync<Room[]>("/api/rooms"), r => r.RoomId == fromAlice.RoomId);
        var bobLive = await bob.ConnectAsync();
        var ack = await bobLive.SendAsync(fromAlice.RoomId, "dm-1", "hi alice");
        Assert.Equal(1, ack.Seq);
    }
}
