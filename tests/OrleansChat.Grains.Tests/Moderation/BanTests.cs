using OrleansChat.Contracts;
using OrleansChat.Testing.Faults;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>Bans: the banned user is removed as by RemoveMember (web nodes stop relaying to them) and kept out until unbanned.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class BanTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_ban_removes_the_member_raising_the_access_revision_and_keeps_them_out_of_joins_adds_and_reads()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        var before = await r.Room.WhoMayListen([r.Bob.UserId]);

        var ban = await r.Room.BanMember(r.Mo, r.Bob);
        var after = await r.Room.WhoMayListen([r.Bob.UserId]);
        await fixture.Cluster.DeactivateAsync(r.Room);

        Assert.Equal((r.Bob.UserId, "Bob", r.Mo.UserId), (ban.UserId, ban.DisplayName, ban.BannedBy));
        Assert.Equal([r.Bob.UserId], before.Allowed);
        Assert.Empty(after.Allowed);
        Assert.True(after.AccessRevision > before.AccessRevision, "Web nodes learn that someone may no longer listen.");
        Assert.DoesNotContain(r.Bob.UserId, (await r.Room.Describe(r.Alice.UserId)).Members!.Select(m => m.UserId));
        var expected = $"'{r.Bob.UserId}' is banned from room '{r.RoomId}' until a moderator unbans them.";
        foreach (var refusal in new Func<Task>[]
                 {
                     () => r.Room.Join(r.Bob, afterSeq: null),
                     () => r.Room.AddMember(r.Alice, r.Bob),
                     () => r.Room.AddMember(ModeratedRoom.Admin, r.Bob),
                     () => r.Room.GetMessages(r.Bob.UserId, new HistoryQuery(null, null, 10)),
                     () => r.Room.Describe(r.Bob.UserId),
                 })
        {
            var refused = await Assert.ThrowsAsync<ChatException>(refusal);
            Assert.Equal((ChatError.Forbidden, expected), (refused.Error, refused.Message));
        }
        Assert.Equal([ban], await r.Room.ListBans(r.Mo));
        Assert.Equal("Mo banned Bob", (await r.SystemMessagesAsync())[^1]);
    }

    [Fact]
    public async Task Unbanning_lets_the_user_join_again_and_banning_again_is_one_ban()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        var ban = await r.Room.BanMember(r.Alice, r.Bob);
        var again = await r.Room.BanMember(r.Mo, r.Bob);

        await r.Room.UnbanMember(r.Mo, r.Bob.UserId);
        var admission = await r.Room.Join(r.Bob, afterSeq: null);

        Assert.Equal(ban, again);
        Assert.Contains(r.Bob.UserId, admission.Snapshot.Members.Select(m => m.UserId));
        Assert.Empty(await r.Room.ListBans(r.Alice));
        Assert.Equal(["Alice banned Bob", "Mo unbanned Bob"], (await r.SystemMessagesAsync())[^2..]);
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_can_be_banned_ahead_and_an_admin_bans_in_a_room_they_are_not_in()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        var troll = ChatClusterFixture.User("Troll");

        await r.Room.BanMember(ModeratedRoom.Admin, troll);
        await r.Room.BanMember(ModeratedRoom.Admin, r.Mo);

        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.Join(troll, afterSeq: null))).Error);
        Assert.Equal([troll.UserId, r.Mo.UserId], (await r.Room.ListBans(ModeratedRoom.Admin)).Select(b => b.UserId));
        Assert.Equal(["Ada banned Troll", "Ada banned Mo"], (await r.SystemMessagesAsync())[^2..]);
    }

    public static TheoryData<string, string, string, ChatError> Refusals => new()
    {
        { "a member banning", "bob", "carol", ChatError.Forbidden },
        { "a moderator banning a moderator", "mo2", "mo", ChatError.Forbidden },
        { "a moderator banning the owner", "mo", "alice", ChatError.Forbidden },
        { "the owner banning themselves", "alice", "alice", ChatError.Invalid },
        { "a non-member banning", "stranger", "bob", ChatError.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bans_are_refused_with_the_documented_word_and_change_nothing(string what, string actor, string target, ChatError expected)
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        var stranger = ChatClusterFixture.User("stranger");
        var mo2 = ChatClusterFixture.User("mo2");
        await r.Room.AddMember(r.Alice, mo2);
        await r.Room.SetMemberRole(r.Alice, mo2.UserId, MemberRole.Moderator);
        ChatUser Who(string name) => name switch
        {
            "alice" => r.Alice, "mo" => r.Mo, "mo2" => mo2, "bob" => r.Bob, "carol" => r.Carol, _ => stranger,
        };
        var before = await r.StateAsync();

        var refused = await Assert.ThrowsAsync<ChatException>(() => r.Room.BanMember(Who(actor), Who(target)));

        Assert.True(expected == refused.Error, $"{what}: {refused.Error} {refused.Message}");
        Assert.Equal(before, await r.StateAsync());
    }

    [Fact]
    public async Task Unbanning_someone_not_banned_listing_bans_as_a_member_and_banning_in_a_direct_room_are_refused()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var direct = fixture.Grains.GetGrain<IRoomGrain>($"dm:{Guid.NewGuid():N}");
        await direct.EnsureDirect(r.Alice, r.Bob);

        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => r.Room.UnbanMember(r.Mo, r.Carol.UserId))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.ListBans(r.Bob))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.UnbanMember(r.Bob, r.Carol.UserId))).Error);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => direct.BanMember(ModeratedRoom.Admin, r.Bob))).Error);
        Assert.Equal(2, (await direct.Describe(r.Alice.UserId)).Members!.Count);
    }

    [Fact]
    public async Task A_ban_told_unavailable_leaves_the_member_in_and_unbanned()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        var before = await r.StateAsync();

        _ = PlannedFaults.Plan(FaultyRoomDirectory.Key(r.RoomId), Fault.FailBeforeCommit);
        var refused = await Assert.ThrowsAsync<ChatException>(() => r.Room.BanMember(r.Mo, r.Bob));

        Assert.Equal(ChatError.Unavailable, refused.Error);
        Assert.Equal(before, await r.StateAsync());
        Assert.False((await r.Room.Send(r.Bob, "b-1", "still here")).Duplicate);
    }
}
