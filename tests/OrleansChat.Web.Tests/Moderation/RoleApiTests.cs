using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Moderation;

/// <summary>Room roles over REST and the hub: the owner promotes and demotes, members hear it live, others are refused.</summary>
public sealed class RoleApiTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task The_owner_promotes_over_rest_and_demotes_over_the_hub_and_members_hear_each_change_and_its_notice()
    {
        await using var pair = await System.RoomPairAsync("Roles");
        var roomId = pair.Room.RoomId;
        var changes = pair.BobLive.MemberChanges();

        var promoted = await pair.Alice.SetRoleAsync(roomId, pair.Bob.UserId, "moderator");
        var told = await NextAsync(changes);
        var notice = await NextAsync(pair.BobLive.Messages);
        var demoted = await pair.AliceLive.Hub.InvokeAsync<Member>("SetMemberRole", roomId, pair.Bob.UserId, "member");

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(MemberRole.Moderator, (await promoted.Content.ReadFromJsonAsync<Member>(Json))!.Role);
        Assert.Equal((roomId, pair.Bob.UserId, MemberRole.Moderator), (told.RoomId, told.Member.UserId, told.Member.Role));
        Assert.Equal((MessageKind.System, "alice made bob a moderator", pair.Alice.UserId), (notice.Kind, notice.Text, notice.SenderId));
        Assert.Equal(MemberRole.Member, demoted.Role);
        Assert.Equal(MemberRole.Member, (await NextAsync(changes)).Member.Role);
        Assert.Equal(["alice made bob a moderator", "alice made bob a member"], await pair.Bob.SystemMessagesAsync(roomId));
    }

    [Fact]
    public async Task An_admin_promotes_in_a_room_they_are_not_in()
    {
        await using var pair = await System.RoomPairAsync("Admin roles");
        await using var admin = await SignInAsync(System.Web, $"admin-{Guid.NewGuid():N}"[..20], "Ada", role: "admin");

        var promoted = await admin.SetRoleAsync(pair.Room.RoomId, pair.Bob.UserId, "moderator");

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("Ada made bob a moderator", (await pair.Alice.SystemMessagesAsync(pair.Room.RoomId))[^1]);
    }

    [Fact]
    public async Task A_member_promoting_a_moderator_demoting_the_owner_and_bad_roles_are_refused_and_change_nothing()
    {
        await using var pair = await System.RoomPairAsync("Refused roles");
        var roomId = pair.Room.RoomId;
        await using var carol = await System.SignInAsync("carol");
        await pair.Alice.AddMemberAsync(roomId, carol.UserId);
        (await pair.Alice.SetRoleAsync(roomId, carol.UserId, "moderator")).EnsureSuccessStatusCode();
        var carolLive = await carol.ConnectAsync();
        var before = await pair.Alice.StateAsync(roomId);

        var memberPromoting = await pair.Bob.SetRoleAsync(roomId, pair.Bob.UserId, "moderator");
        var moderatorDemotingOwner = await carol.SetRoleAsync(roomId, pair.Alice.UserId, "member");
        var moderatorPromoting = await carol.SetRoleAsync(roomId, pair.Bob.UserId, "moderator");
        var ownerHandingOn = await pair.Alice.SetRoleAsync(roomId, pair.Bob.UserId, "owner");
        var noSuchRole = await pair.Alice.SetRoleAsync(roomId, pair.Bob.UserId, "superuser");
        var notAMember = await pair.Alice.SetRoleAsync(roomId, "nobody-here", "moderator");
        var overTheHub = await Assert.ThrowsAsync<HubException>(() => pair.BobLive.Hub.InvokeAsync<Member>("SetMemberRole", roomId, pair.Bob.UserId, "moderator"));
        var demotingOverTheHub = await Assert.ThrowsAsync<HubException>(() => carolLive.Hub.InvokeAsync<Member>("SetMemberRole", roomId, pair.Alice.UserId, "member"));

        foreach (var refused in new[] { memberPromoting, moderatorDemotingOwner, moderatorPromoting }) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ownerHandingOn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSuchRole.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAMember.StatusCode);
        Assert.Equal("forbidden: Only the room's owner or an admin may change roles.", HubErrors.Of(overTheHub));
        Assert.StartsWith("forbidden: ", HubErrors.Of(demotingOverTheHub));
        Assert.Equal(before, await pair.Alice.StateAsync(roomId));
    }
}
