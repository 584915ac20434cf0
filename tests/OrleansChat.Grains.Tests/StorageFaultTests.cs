using OrleansChat.Contracts;
using OrleansChat.Testing.Faults;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// The room's promises when its stores fail: an append that landed although it reported failure, a membership write
/// that fails (or lands although it reported failure) while others go on, and a creation that fails half-way.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class StorageFaultTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_message_stored_by_an_append_that_reported_failure_is_pushed_once_when_the_room_finds_it()
    {
        var alice = User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        var node = new RecordingObserver();
        await room.Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(node), afterSeq: null, afterChange: null);

        _ = PlannedFaults.Plan(room.GetPrimaryKeyString(), Fault.FailAfterCommit);
        var failed = await Assert.ThrowsAsync<ChatException>(() => room.Send(alice, "a-1", "landed anyway"));
        var next = await room.Send(alice, "a-2", "next");
        var retry = await room.Send(alice, "a-1", "landed anyway");

        Assert.Equal(ChatError.Unavailable, failed.Error);
        Assert.Equal((2L, false), (next.Message.Seq, next.Duplicate));
        Assert.Equal((1L, true), (retry.Message.Seq, retry.Duplicate));
        var pushed = await node.SeqsAsync(count: 2);
        // Once each (pushes may overtake each other; web nodes put them in order).
        Assert.Equal([1L, 2L], pushed.Order());
    }

    [Fact]
    public async Task A_removal_told_unavailable_leaves_the_member_in_and_a_receipt_written_meanwhile_stays()
    {
        var alice = User("alice");
        var (bob, carol) = (User("bob"), User("carol"));
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob, carol);
        await room.Send(alice, "m-1", "hello");

        var gate = new TaskCompletionSource();
        var writing = PlannedFaults.Plan(FaultyRoomDirectory.Key(room.GetPrimaryKeyString()), Fault.FailBeforeCommit, gate.Task);
        var removal = room.RemoveMember(alice, carol.UserId);
        await writing;
        // Bob's receipt is a row of its own, written while the removal's write is held.
        await room.MarkRead(bob.UserId, 1);
        gate.SetResult();

        Assert.Equal(ChatError.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => removal)).Error);
        Assert.Contains(carol.UserId, (await room.Describe(alice.UserId)).Members!.Select(m => m.UserId));
        await fixture.Cluster.DeactivateAsync(room);
        var members = (await room.Describe(alice.UserId)).Members!;
        Assert.Contains(carol.UserId, members.Select(m => m.UserId));
        Assert.Equal(1, members.Single(m => m.UserId == bob.UserId).ReadSeq);
    }

    [Fact]
    public async Task A_removal_that_landed_although_told_unavailable_keeps_the_removed_member_out()
    {
        var alice = User("alice");
        var carol = User("carol");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, carol);

        _ = PlannedFaults.Plan(FaultyRoomDirectory.Key(room.GetPrimaryKeyString()), Fault.FailAfterCommit);
        var refused = await Assert.ThrowsAsync<ChatException>(() => room.RemoveMember(alice, carol.UserId));

        Assert.Equal(ChatError.Unavailable, refused.Error);
        // The room read its rows back: Carol is out, in memory as in storage.
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.Join(carol, afterSeq: null))).Error);
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IUserGrain>(carol.UserId).ListRooms(), r => r.RoomId == room.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_member_whose_addition_was_not_stored_is_never_admitted()
    {
        var alice = User("alice");
        var ursula = User("ursula");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);

        var gate = new TaskCompletionSource();
        var writing = PlannedFaults.Plan(FaultyRoomDirectory.Key(room.GetPrimaryKeyString()), Fault.FailBeforeCommit, gate.Task);
        var adding = room.AddMember(alice, ursula);
        await writing;
        // Ursula's row is being written: she must not be let in on that.
        var joining = room.Join(ursula, afterSeq: null);
        await Task.Delay(200);
        gate.SetResult();

        Assert.Equal(ChatError.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => adding)).Error);
        Assert.Contains((await Assert.ThrowsAsync<ChatException>(() => joining)).Error, new[] { ChatError.Unavailable, ChatError.Forbidden });
        Assert.DoesNotContain(ursula.UserId, (await room.Describe(alice.UserId)).Members!.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_room_whose_creation_failed_can_be_created_again_without_the_first_tries_members()
    {
        var (first, owner) = (User("first"), User("owner"));
        var room = fixture.Grains.GetGrain<IRoomGrain>($"room-{Guid.NewGuid():N}");

        // The rows land, then the creation fails: the room does not exist, and its rows name a member it never had.
        _ = PlannedFaults.Plan(FaultyRoomDirectory.Key(room.GetPrimaryKeyString()), Fault.FailAfterCommit);
        var failed = await Assert.ThrowsAsync<ChatException>(() => room.CreateGroup(first, new NewRoom("First try", RoomVisibility.Private)));
        var created = await room.CreateGroup(owner, new NewRoom("Second try", RoomVisibility.Private));

        Assert.Equal(ChatError.Unavailable, failed.Error);
        Assert.Equal("Second try", created.Name);
        Assert.Equal([owner.UserId], created.Members!.Select(m => m.UserId));
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IUserGrain>(first.UserId).ListRooms(), r => r.RoomId == room.GetPrimaryKeyString());
        await fixture.Cluster.DeactivateAsync(room);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.Join(first, afterSeq: null))).Error);
    }

    [Fact]
    public async Task A_reply_stored_while_the_message_it_answers_is_deleted_keeps_no_excerpt_of_it()
    {
        var (alice, bob) = (User("alice"), User("bob"));
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob);
        var answered = await room.Send(alice, "a-1", "something regrettable");

        // Bob's reply is quoted and on its way into the log, held there, when Alice deletes what it answers.
        var gate = new TaskCompletionSource();
        var appending = PlannedFaults.Plan(room.GetPrimaryKeyString(), Fault.Slow, gate.Task);
        var replying = room.Post(bob, new NewMessage("b-1", "what?", [], ReplyTo: answered.Message.Seq));
        await appending;
        var deleting = room.DeleteMessage(alice, answered.Message.Seq);
        await Task.WhenAny(deleting, Task.Delay(300));
        gate.SetResult();
        var reply = (await replying).Message;
        await deleting;

        var history = await room.GetMessages(alice.UserId, new HistoryQuery(Before: null, After: 0, Limit: 10));
        Assert.Equal("", history.Messages.Single(m => m.Seq == reply.Seq).ReplyTo!.Excerpt);
        await fixture.Cluster.DeactivateAsync(room);
        history = await room.GetMessages(alice.UserId, new HistoryQuery(Before: null, After: 0, Limit: 10));
        Assert.Equal("", history.Messages.Single(m => m.Seq == reply.Seq).ReplyTo!.Excerpt);
    }
}
