using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Realtime;

/// <summary>
/// Rooms past <c>Chat:Rooms:MemberEventsUpTo</c> members stop pushing joins and presence to every member (each
/// would cost a push per member) and a join's snapshot lists only the one who joined, with the count; their member
/// list, with presence, is read over REST, and messages flow as ever.
/// </summary>
public sealed class LargeRoomEventsTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new() { ["Chat:Rooms:MemberEventsUpTo"] = "2" });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_joins_and_presence_are_not_pushed_but_read_over_rest_and_messages_still_arrive()
    {
        await using var alice = await _system.SignInAsync("alice");
        await using var bob = await _system.SignInAsync("bob");
        await using var carol = await _system.SignInAsync("carol");
        var room = await alice.CreateRoomAsync("Town hall", visibility: "public");
        var aliceLive = await alice.ConnectAsync();
        await aliceLive.JoinRoomAsync(room.RoomId);

        await bob.AddMemberAsync(room.RoomId, bob.UserId);
        Assert.Equal(bob.UserId, (await ChatTestClient.NextAsync(aliceLive.Joined)).Member.UserId);
        await carol.AddMemberAsync(room.RoomId, carol.UserId);
        var carolLive = await carol.ConnectAsync();
        var sent = await carolLive.SendAsync(room.RoomId, "hello", "Hello, town hall");

        Assert.Equal(sent.Seq, (await ChatTestClient.NextAsync(aliceLive.Messages)).Seq);
        Assert.Empty(await ChatTestClient.DrainAsync(aliceLive.Joined, TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(await ChatTestClient.DrainAsync(aliceLive.Presence, TimeSpan.Zero), p => p.UserId == carol.UserId);
        var members = (await alice.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Members!;
        Assert.Equal(PresenceStatus.Online, members.Single(m => m.UserId == carol.UserId).Status);
    }

    [Fact]
    public async Task Past_the_limit_a_join_lists_only_the_joiner_with_the_count_and_rest_lists_everyone()
    {
        await using var alice = await _system.SignInAsync("alice");
        await using var bob = await _system.SignInAsync("bob");
        await using var carol = await _system.SignInAsync("carol");
        var room = await alice.CreateRoomAsync("Town hall", visibility: "public");
        await bob.AddMemberAsync(room.RoomId, bob.UserId);
        var bobLive = await bob.ConnectAsync();

        var atTheLimit = await bobLive.JoinRoomAsync(room.RoomId);
        Assert.Equal(2, atTheLimit.MemberCount);
        Assert.Equal([alice.UserId, bob.UserId], atTheLimit.Members.Select(m => m.UserId).Order());

        await carol.AddMemberAsync(room.RoomId, carol.UserId);
        var carolLive = await carol.ConnectAsync();
        var pastTheLimit = await carolLive.JoinRoomAsync(room.RoomId);
        Assert.Equal(3, pastTheLimit.MemberCount);
        Assert.Equal(carol.UserId, Assert.Single(pastTheLimit.Members).UserId);
        Assert.Equal(carol.UserId, Assert.Single(pastTheLimit.Room.Members!).UserId);

        var everyone = (await carol.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Members!;
        Assert.Equal(3, everyone.Count);
    }
}
