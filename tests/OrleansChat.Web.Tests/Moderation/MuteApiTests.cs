using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Files;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Moderation;

/// <summary>Mutes over REST and the hub: a muted member's sends are refused 403 / <c>forbidden:</c> until the mute ends.</summary>
public sealed class MuteApiTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task A_muted_member_is_refused_sends_uploads_and_prompts_on_every_path_until_unmuted()
    {
        await using var pair = await System.RoomPairAsync("Muted");
        var roomId = pair.Room.RoomId;
        var changes = pair.BobLive.MemberChanges();

        var mute = await pair.Alice.MuteAsync(roomId, pair.Bob.UserId, 600);
        var muted = (await mute.Content.ReadFromJsonAsync<Member>(Json))!;
        var told = await NextAsync(changes);
        var lastSeq = (await pair.Alice.GetAsync<Room>($"/api/rooms/{roomId}")).LastSeq;
        var rest = await pair.Bob.SendOverRestAsync(roomId, "b-1", "let me speak");
        var hub = await Assert.ThrowsAsync<HubException>(() => pair.BobLive.SendAsync(roomId, "b-2", "let me speak"));
        var upload = await pair.Bob.UploadAsync(roomId, "notes"u8.ToArray(), "notes.txt");
        var prompt = await pair.Bob.PostAsync($"/api/rooms/{roomId}/assistant", new { prompt = "say it for me" });

        Assert.Equal(HttpStatusCode.OK, mute.StatusCode);
        Assert.NotNull(muted.MutedUntil);
        Assert.Equal(muted.MutedUntil, told.Member.MutedUntil);
        var because = $"You are muted in room '{roomId}' until {muted.MutedUntil!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.";
        foreach (var refused in new[] { rest, upload, prompt })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(because, await refused.ProblemDetailAsync());
        }
        Assert.Equal($"forbidden: {because}", HubErrors.Of(hub));
        Assert.Equal(lastSeq, (await pair.Alice.GetAsync<Room>($"/api/rooms/{roomId}")).LastSeq);

        var unmute = await pair.Alice.UnmuteAsync(roomId, pair.Bob.UserId);
        Assert.Equal(HttpStatusCode.NoContent, unmute.StatusCode);
        Assert.Null((await NextAsync(changes)).Member.MutedUntil);
        Assert.Equal(HttpStatusCode.Created, (await pair.Bob.SendOverRestAsync(roomId, "b-3", "thank you")).StatusCode);
        Assert.Equal(["alice muted bob for 10 minutes", "alice unmuted bob"], await pair.Bob.SystemMessagesAsync(roomId));
    }

    [Fact]
    public async Task A_mute_given_over_the_hub_ends_by_itself()
    {
        await using var pair = await System.RoomPairAsync("Short mute");
        var roomId = pair.Room.RoomId;

        var muted = await pair.AliceLive.Hub.InvokeAsync<Member>("MuteMember", roomId, pair.Bob.UserId, 1L);
        var refused = await Assert.ThrowsAsync<HubException>(() => pair.BobLive.SendAsync(roomId, "b-1", "too soon"));
        await Task.Delay(muted.MutedUntil!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));

        Assert.StartsWith("forbidden: You are muted", HubErrors.Of(refused));
        Assert.False((await pair.BobLive.SendAsync(roomId, "b-2", "free again")).Duplicate);
        Assert.Null((await pair.Alice.GetAsync<Room>($"/api/rooms/{roomId}")).Members!.Single(m => m.UserId == pair.Bob.UserId).MutedUntil);
    }

    [Fact]
    public async Task Mutes_by_a_member_of_the_owner_by_a_moderator_and_of_bad_lengths_are_refused_and_change_nothing()
    {
        await using var pair = await System.RoomPairAsync("Refused mutes");
        var roomId = pair.Room.RoomId;
        await using var carol = await System.SignInAsync("carol");
        await pair.Alice.AddMemberAsync(roomId, carol.UserId);
        (await pair.Alice.SetRoleAsync(roomId, carol.UserId, "moderator")).EnsureSuccessStatusCode();
        var before = await pair.Alice.StateAsync(roomId);

        var memberMuting = await pair.Bob.MuteAsync(roomId, carol.UserId, 60);
        var moderatorMutingOwner = await carol.MuteAsync(roomId, pair.Alice.UserId, 60);
        var memberUnmuting = await pair.Bob.UnmuteAsync(roomId, carol.UserId);
        var noTime = await pair.Alice.MuteAsync(roomId, pair.Bob.UserId, 0);
        var tooLong = await pair.Alice.MuteAsync(roomId, pair.Bob.UserId, ChatLimits.MaxMuteSeconds + 1L);
        var noLength = await pair.Alice.PostAsync($"/api/rooms/{roomId}/mutes", new { userId = pair.Bob.UserId });
        var overTheHub = await Assert.ThrowsAsync<HubException>(() => pair.BobLive.Hub.InvokeAsync<Member>("MuteMember", roomId, carol.UserId, 60L));
        var badOverTheHub = await Assert.ThrowsAsync<HubException>(() => pair.AliceLive.Hub.InvokeAsync<Member>("MuteMember", roomId, pair.Bob.UserId, -5L));

        foreach (var refused in new[] { memberMuting, moderatorMutingOwner, memberUnmuting }) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        foreach (var refused in new[] { noTime, tooLong, noLength }) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("forbidden: ", HubErrors.Of(overTheHub));
        Assert.StartsWith("invalid: ", HubErrors.Of(badOverTheHub));
        Assert.Equal(before, await pair.Alice.StateAsync(roomId));
    }
}
