using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>Room roles: the owner (or an admin) promotes members to moderators and demotes them; nobody else, and never the owner.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RoleTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task The_owner_promotes_and_demotes_a_member_each_change_is_told_posted_and_stored()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var node = new RecordingObserver();
        await r.Room.Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(node), afterSeq: null, afterChange: null);

        var promoted = await r.Room.SetMemberRole(r.Alice, r.Bob.UserId, MemberRole.Moderator);
        var told = await node.NextMemberChangedAsync();
        await fixture.Cluster.DeactivateAsync(r.Room);
        var stored = await r.MemberAsync(r.Bob);
        var demoted = await r.Room.SetMemberRole(r.Alice, r.Bob.UserId, MemberRole.Member);

        Assert.Equal(MemberRole.Moderator, promoted.Role);
        Assert.Equal(new MemberChanged(r.RoomId, promoted), told);
        Assert.Equal(MemberRole.Moderator, stored.Role);
        Assert.Equal(MemberRole.Member, demoted.Role);
        Assert.Equal(["Alice made Mo a moderator", "Alice made Bob a moderator", "Alice made Bob a member"], await r.SystemMessagesAsync());
    }

    [Fact]
    public async Task Giving_a_member_the_role_they_have_changes_nothing_and_posts_nothing()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var before = await r.StateAsync();

        var again = await r.Room.SetMemberRole(r.Alice, r.Mo.UserId, MemberRole.Moderator);

        Assert.Equal(MemberRole.Moderator, again.Role);
        Assert.Equal(before, await r.StateAsync());
    }

    [Fact]
    public async Task An_admin_of_no_site_changes_roles_in_a_room_they_are_not_in()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);

        await r.Room.SetMemberRole(ModeratedRoom.Admin, r.Mo.UserId, MemberRole.Member);

        Assert.Equal(MemberRole.Member, (await r.MemberAsync(r.Mo)).Role);
        Assert.Equal("Ada made Mo a member", (await r.SystemMessagesAsync())[^1]);
    }

    public static TheoryData<string, string, string, MemberRole, ChatError> Refusals => new()
    {
        { "a member promoting", "bob", "carol", MemberRole.Moderator, ChatError.Forbidden },
        { "a member promoting themselves", "bob", "bob", MemberRole.Moderator, ChatError.Forbidden },
        { "a moderator promoting", "mo", "bob", MemberRole.Moderator, ChatError.Forbidden },
        { "a moderator demoting the owner", "mo", "alice", MemberRole.Member, ChatError.Forbidden },
        { "an admin demoting the owner", "admin", "alice", MemberRole.Member, ChatError.Forbidden },
        { "the owner demoting themselves", "alice", "alice", MemberRole.Member, ChatError.Forbidden },
        { "the owner handing on ownership", "alice", "bob", MemberRole.Owner, ChatError.Invalid },
        { "a non-member promoting", "stranger", "bob", MemberRole.Moderator, ChatError.Forbidden },
        { "the owner promoting a non-member", "alice", "stranger", MemberRole.Moderator, ChatError.NotFound },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Role_changes_are_refused_with_the_documented_word_and_change_nothing(string what, string actor, string target, MemberRole role, ChatError expected)
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var stranger = ChatClusterFixture.User("stranger");
        ChatUser Who(string name) => name switch
        {
            "alice" => r.Alice, "mo" => r.Mo, "bob" => r.Bob, "carol" => r.Carol, "admin" => ModeratedRoom.Admin, _ => stranger,
        };
        var before = await r.StateAsync();

        var refused = await Assert.ThrowsAsync<ChatException>(() => r.Room.SetMemberRole(Who(actor), Who(target).UserId, role));

        Assert.True(expected == refused.Error, $"{what}: {refused.Error} {refused.Message}");
        Assert.Equal(before, await r.StateAsync());
    }
}
