using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Moderation;

/// <summary>
/// Bans over REST and the hub: the banned user's live connections are let go at once (MemberLeft, then nothing), and
/// they cannot come back, by themselves or by anyone adding them, until unbanned.
/// </summary>
public sealed class BanApiTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task A_banned_member_hears_nothing_more_cannot_rejoin_the_public_room_or_read_it_until_unbanned()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        await using var carol = await System.SignInAsync("carol");
        var room = await alice.CreateRoomAsync("Open", visibility: "public");
        var roomId = room.RoomId;
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(roomId);
        await (await carol.ConnectAsync()).JoinRoomAsync(roomId);
        (await alice.SetRoleAsync(roomId, carol.UserId, "moderator")).EnsureSuccessStatusCode();
        var bobLive = await bob.ConnectAsync();
        await bobLive.JoinRoomAsync(roomId);
        await aliceLive.SendAsync(roomId, "a-1", "before");
        await NextAsync(bobLive.Messages, m => m.ClientMessageId == "a-1");

        var banned = await carol.BanAsync(roomId, bob.UserId);
        var left = await NextAsync(bobLive.Left);
        for (var i = 2; i <= 6; i++) await aliceLive.SendAsync(roomId, $"a-{i}", $"while banned {i}");
        await NextAsync(aliceLive.Messages, m => m.ClientMessageId == "a-6");

        Assert.Equal(HttpStatusCode.OK, banned.StatusCode);
        var ban = (await banned.Content.ReadFromJsonAsync<RoomBan>(Json))!;
        Assert.Equal((bob.UserId, "bob", carol.UserId), (ban.UserId, ban.DisplayName, ban.BannedBy));
        Assert.Equal(new MemberLeft(roomId, bob.UserId), left);
        // The notice of the ban came after the removal: Bob hears neither it nor anything sent since.
        Assert.Empty(await DrainAsync(bobLive.Messages, TimeSpan.FromSeconds(1)));

        var because = $"'{bob.UserId}' is banned from room '{roomId}' until a moderator unbans them.";
        var rejoin = await Assert.ThrowsAsync<HubException>(() => bobLive.JoinRoomAsync(roomId));
        var restJoin = await bob.PostAsync($"/api/rooms/{roomId}/members", new { });
        var added = await alice.PostAsync($"/api/rooms/{roomId}/members", new { userId = bob.UserId });
        var history = await bob.Http.GetAsync($"/api/rooms/{roomId}/messages");
        Assert.Equal($"forbidden: {because}", HubErrors.Of(rejoin));
        foreach (var refused in new[] { restJoin, added, history })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(because, await refused.ProblemDetailAsync());
        }
        Assert.Equal([bob.UserId], (await carol.GetAsync<RoomBan[]>($"/api/rooms/{roomId}/bans")).Select(b => b.UserId));

        Assert.Equal(HttpStatusCode.NoContent, (await carol.UnbanAsync(roomId, bob.UserId)).StatusCode);
        var snapshot = await bobLive.JoinRoomAsync(roomId, afterSeq: 1);
        await aliceLive.SendAsync(roomId, "a-back", "welcome back");

        Assert.Contains(snapshot.Messages, m => m.Text == "carol banned bob");
        Assert.Equal("welcome back", (await NextAsync(bobLive.Messages, m => m.Seq > snapshot.LastSeq)).Text);
        Assert.Equal(["alice made carol a moderator", "carol banned bob", "carol unbanned bob"], await alice.SystemMessagesAsync(roomId));
    }

    [Fact]
    public async Task An_admin_bans_over_the_hub_in_a_private_room_they_are_not_in()
    {
        await using var pair = await System.RoomPairAsync("Admin ban");
        var roomId = pair.Room.RoomId;
        await using var admin = await SignInAsync(System.Web, $"admin-{Guid.NewGuid():N}"[..20], "Ada", role: "admin");
        var adminLive = await admin.ConnectAsync();

        var ban = await adminLive.Hub.InvokeAsync<RoomBan>("BanMember", roomId, pair.Bob.UserId);

        Assert.Equal(new MemberLeft(roomId, pair.Bob.UserId), await NextAsync(pair.BobLive.Left));
        Assert.Equal(admin.UserId, ban.BannedBy);
        Assert.DoesNotContain(pair.Bob.UserId, (await pair.Alice.GetAsync<Room>($"/api/rooms/{roomId}")).Members!.Select(m => m.UserId));
        await adminLive.Hub.InvokeAsync("UnbanMember", roomId, pair.Bob.UserId);
        Assert.Equal(["Ada banned bob", "Ada unbanned bob"], await pair.Alice.SystemMessagesAsync(roomId));
    }

    [Fact]
    public async Task Bans_by_a_member_of_the_owner_by_a_moderator_and_of_nobody_are_refused_and_change_nothing()
    {
        await using var pair = await System.RoomPairAsync("Refused bans");
        var roomId = pair.Room.RoomId;
        await using var carol = await System.SignInAsync("carol");
        await pair.Alice.AddMemberAsync(roomId, carol.UserId);
        (await pair.Alice.SetRoleAsync(roomId, carol.UserId, "moderator")).EnsureSuccessStatusCode();
        var before = await pair.Alice.StateAsync(roomId);

        var memberBanning = await pair.Bob.BanAsync(roomId, carol.UserId);
        var moderatorBanningOwner = await carol.BanAsync(roomId, pair.Alice.UserId);
        var memberListing = await pair.Bob.Http.GetAsync($"/api/rooms/{roomId}/bans");
        var notBanned = await carol.UnbanAsync(roomId, pair.Bob.UserId);
        var badId = await carol.BanAsync(roomId, "a b");
        var overTheHub = await Assert.ThrowsAsync<HubException>(() => pair.BobLive.Hub.InvokeAsync<RoomBan>("BanMember", roomId, pair.Alice.UserId));

        foreach (var refused in new[] { memberBanning, moderatorBanningOwner, memberListing }) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notBanned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.StartsWith("forbidden: ", HubErrors.Of(overTheHub));
        Assert.Equal(before, await pair.Alice.StateAsync(roomId));
        Assert.False((await pair.BobLive.SendAsync(roomId, "b-1", "still here")).Duplicate);
    }
}
