using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>Mutes: a muted member reads but posts nothing (messages, files, assistant answers) until the mute ends by itself.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class MuteTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_muted_member_is_refused_sends_uploads_and_assistant_answers_saying_until_when_and_others_are_not()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var node = new RecordingObserver();
        await r.Room.Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(node), afterSeq: null, afterChange: null);

        var muted = await r.Room.MuteMember(r.Mo, r.Bob.UserId, TimeSpan.FromMinutes(10));
        var told = await node.NextMemberChangedAsync();
        var lastSeq = (await r.Room.Describe(r.Alice.UserId)).LastSeq;
        var send = await Assert.ThrowsAsync<ChatException>(() => r.Room.Send(r.Bob, "b-1", "let me speak"));
        var upload = await Assert.ThrowsAsync<ChatException>(() => r.Room.AddFile(r.Bob, new NewFile(new Attachment("f1", "a.txt", "text/plain", 3), "f-1")));
        var assistant = await Assert.ThrowsAsync<ChatException>(() => r.Room.PostAssistantMessage(r.Bob, "s-1", "an answer"));
        var delta = await Assert.ThrowsAsync<ChatException>(() => r.Room.RelayAssistantDelta(r.Bob, new AssistantDelta(r.RoomId, "s-1", "an", 0)));

        Assert.NotNull(muted.MutedUntil);
        Assert.InRange(muted.MutedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(muted.MutedUntil, told.Member.MutedUntil);
        var expected = $"You are muted in room '{r.RoomId}' until {muted.MutedUntil.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.";
        foreach (var refused in new[] { send, upload, assistant, delta }) Assert.Equal((ChatError.Forbidden, expected), (refused.Error, refused.Message));
        Assert.Equal(lastSeq, (await r.Room.Describe(r.Alice.UserId)).LastSeq);
        // Reading goes on, and so does everyone else.
        Assert.NotEmpty((await r.Room.GetMessages(r.Bob.UserId, new HistoryQuery(null, null, 10))).Messages);
        Assert.False((await r.Room.Send(r.Carol, "c-1", "I may")).Duplicate);
        Assert.Equal("Mo muted Bob for 10 minutes", (await r.SystemMessagesAsync())[^1]);
    }

    [Fact]
    public async Task A_mute_ends_by_itself()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);

        var muted = await r.Room.MuteMember(r.Alice, r.Bob.UserId, TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<ChatException>(() => r.Room.Send(r.Bob, "b-1", "too soon"));
        await Task.Delay(muted.MutedUntil!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        Assert.False((await r.Room.Send(r.Bob, "b-2", "free again")).Duplicate);
        Assert.Null((await r.MemberAsync(r.Bob)).MutedUntil);
        Assert.Equal("Alice muted Bob for 1 second", (await r.SystemMessagesAsync())[^1]);
    }

    [Fact]
    public async Task A_mute_outlasts_the_room_s_activation_and_leaving_and_joining_again()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        await r.Room.MuteMember(r.Mo, r.Bob.UserId, TimeSpan.FromHours(1));

        await fixture.Cluster.DeactivateAsync(r.Room);
        await r.Room.RemoveMember(r.Bob, r.Bob.UserId);
        await r.Room.Join(r.Bob, afterSeq: null);

        Assert.NotNull((await r.MemberAsync(r.Bob)).MutedUntil);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.Send(r.Bob, "b-1", "back"))).Error);
    }

    [Fact]
    public async Task Someone_who_left_while_muted_can_be_unmuted_before_they_come_back()
    {
        var r = await ModeratedRoom.CreateAsync(fixture, RoomVisibility.Public);
        await r.Room.MuteMember(r.Mo, r.Bob.UserId, TimeSpan.FromHours(1));
        await r.Room.RemoveMember(r.Bob, r.Bob.UserId);

        await r.Room.UnmuteMember(r.Mo, r.Bob.UserId);
        await r.Room.Join(r.Bob, afterSeq: null);

        Assert.False((await r.Room.Send(r.Bob, "b-1", "back and heard")).Duplicate);
        Assert.Equal("Mo unmuted " + r.Bob.UserId, (await r.SystemMessagesAsync())[^1]);
    }

    [Fact]
    public async Task Unmuting_lets_the_member_send_again_and_is_posted()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        await r.Room.MuteMember(r.Mo, r.Bob.UserId, TimeSpan.FromDays(1));

        await r.Room.UnmuteMember(r.Mo, r.Bob.UserId);

        Assert.False((await r.Room.Send(r.Bob, "b-1", "thanks")).Duplicate);
        Assert.Null((await r.MemberAsync(r.Bob)).MutedUntil);
        Assert.Equal(["Alice made Mo a moderator", "Mo muted Bob for 1 day", "Mo unmuted Bob"], await r.SystemMessagesAsync());
    }

    [Fact]
    public async Task An_admin_mutes_anyone_even_the_owner_and_the_owner_mutes_a_moderator()
    {
        var r = await ModeratedRoom.CreateAsync(fixture);

        await r.Room.MuteMember(ModeratedRoom.Admin, r.Alice.UserId, TimeSpan.FromMinutes(2));
        await r.Room.MuteMember(r.Alice, r.Mo.UserId, TimeSpan.FromHours(3));

        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.Send(r.Alice, "a-1", "my room"))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => r.Room.Send(r.Mo, "m-1", "but"))).Error);
        Assert.Equal(["Ada muted Alice for 2 minutes", "Alice muted Mo for 3 hours"], (await r.SystemMessagesAsync())[^2..]);
    }

    public static TheoryData<string, string, string, int, ChatError> Refusals => new()
    {
        { "a member muting", "bob", "carol", 60, ChatError.Forbidden },
        { "a moderator muting a moderator", "mo2", "mo", 60, ChatError.Forbidden },
        { "a moderator muting the owner", "mo", "alice", 60, ChatError.Forbidden },
        { "a moderator muting themselves", "mo", "mo", 60, ChatError.Invalid },
        { "a non-member muting", "stranger", "bob", 60, ChatError.Forbidden },
        { "muting a non-member", "mo", "stranger", 60, ChatError.NotFound },
        { "muting for no time", "mo", "bob", 0, ChatError.Invalid },
        { "muting for longer than 30 days", "mo", "bob", ChatLimits.MaxMuteSeconds + 1, ChatError.Invalid },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Mutes_are_refused_with_the_documented_word_and_change_nothing(string what, string actor, string target, int seconds, ChatError expected)
    {
        var r = await ModeratedRoom.CreateAsync(fixture);
        var (stranger, mo2) = (ChatClusterFixture.User("stranger"), ChatClusterFixture.User("mo2"));
        await r.Room.AddMember(r.Alice, mo2);
        await r.Room.SetMemberRole(r.Alice, mo2.UserId, MemberRole.Moderator);
        ChatUser Who(string name) => name switch
        {
            "alice" => r.Alice, "mo" => r.Mo, "mo2" => mo2, "bob" => r.Bob, "carol" => r.Carol, _ => stranger,
        };
        var before = await r.StateAsync();

        var refused = await Assert.ThrowsAsync<ChatException>(() => r.Room.MuteMember(Who(actor), Who(target).UserId, TimeSpan.FromSeconds(seconds)));
        Assert.True(expected == refused.Error, $"{what}: {refused.Error} {refused.Message}");
        if (seconds == 60)
        {
            // Unmuting takes the same rights.
            var unmute = await Assert.ThrowsAsync<ChatException>(() => r.Room.UnmuteMember(Who(actor), Who(target).UserId));
            Assert.True(expected == unmute.Error, $"{what} (unmute): {unmute.Error} {unmute.Message}");
        }

        Assert.Equal(before, await r.StateAsync());
    }
}
