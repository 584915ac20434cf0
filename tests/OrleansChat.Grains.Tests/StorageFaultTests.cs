using OrleansChat.Contracts;
using OrleansChat.Testing.Faults;
using static OrleansChat.Grains.Tests.ChatClusterFixture;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// The room's promises when its stores fail: an append that landed although it reported failure, a state write
/// that fails while others wait on it, a provider that serializes late, and a creation that fails half-way.
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
        await room.Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(node), afterSeq: null);

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
    public async Task A_caller_told_nothing_changed_finds_nothing_changed_although_another_write_followed()
    {
        var alice = User("alice");
        var (bob, carol) = (User("bob"), User("carol"));
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob, carol);
        await room.Send(alice, "m-1", "hello");

        var gate = new TaskCompletionSource();
        var writing = PlannedFaults.Plan(room.GetGrainId().ToString(), Fault.FailBeforeCommit, gate.Task);
        var removal = room.RemoveMember(alice, carol.UserId);
        await writing;
        // Bob's receipt changes the room while the removal's write is in flight, and needs a write of its own.
        var receipt = room.MarkRead(bob.UserId, 1);
        await Task.Delay(200);
        gate.SetResult();

        var refused = await Assert.ThrowsAsync<ChatException>(() => removal);
        // Bob's change was in memory when the write failed: the read-back took it away, so he is told so too.
        var receiptRefused = await Assert.ThrowsAsync<ChatException>(() => receipt);
        Assert.Equal((ChatError.Unavailable, ChatError.Unavailable), (refused.Error, receiptRefused.Error));
        await fixture.Cluster.DeactivateAsync(room);
        Assert.Contains(carol.UserId, (await room.Describe(alice.UserId)).Members!.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_write_stores_the_state_as_it_was_asked_for_even_when_the_provider_serializes_after_a_wait()
    {
        var alice = User("alice");
        var (bob, carol) = (User("bob"), User("carol"));
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob, carol);
        await room.Send(alice, "m-1", "hello");
        var roomId = room.GetGrainId().ToString();

        // Bob's receipt is written by a provider that waits before it serializes; Alice removes Carol meanwhile,
        // and the write that would store the removal fails.
        var gate = new TaskCompletionSource();
        var writing = PlannedFaults.Plan(roomId, Fault.Slow, gate.Task);
        _ = PlannedFaults.Plan(roomId, Fault.FailBeforeCommit);
        var receipt = room.MarkRead(bob.UserId, 1);
        await writing;
        var removal = room.RemoveMember(alice, carol.UserId);
        await Task.Delay(200);
        gate.SetResult();

        await receipt;
        Assert.Equal(ChatError.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => removal)).Error);
        await fixture.Cluster.DeactivateAsync(room);
        var members = (await room.Describe(alice.UserId)).Members!;
        Assert.Contains(carol.UserId, members.Select(m => m.UserId));
        Assert.Equal(1, members.Single(m => m.UserId == bob.UserId).ReadSeq);
    }

    [Fact]
    public async Task A_member_whose_addition_was_not_stored_is_never_admitted()
    {
        var alice = User("alice");
        var ursula = User("ursula");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);

        var gate = new TaskCompletionSource();
        var writing = PlannedFaults.Plan(room.GetGrainId().ToString(), Fault.FailBeforeCommit, gate.Task);
        var adding = room.AddMember(alice, ursula);
        await writing;
        // Ursula is in the room's memory while the write is in flight: she must not be let in on that.
        var joining = room.Join(ursula, afterSeq: null);
        await Task.Delay(200);
        gate.SetResult();

        Assert.Equal(ChatError.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => adding)).Error);
        Assert.Contains((await Assert.ThrowsAsync<ChatException>(() => joining)).Error, new[] { ChatError.Unavailable, ChatError.Forbidden });
        Assert.DoesNotContain(ursula.UserId, (await room.Describe(alice.UserId)).Members!.Select(m => m.UserId));
    }

    [Fact]
    public async Task A_room_whose_creation_failed_can_be_created_again()
    {
        var owner = User("owner");
        var room = fixture.Grains.GetGrain<IRoomGrain>($"room-{Guid.NewGuid():N}");

        _ = PlannedFaults.Plan(fixture.Grains.GetGrain<IUserGrain>(owner.UserId).GetGrainId().ToString(), Fault.FailBeforeCommit);
        var failed = await Assert.ThrowsAsync<ChatException>(() => room.CreateGroup(owner, new NewRoom("First try", RoomVisibility.Private)));
        var created = await room.CreateGroup(owner, new NewRoom("Second try", RoomVisibility.Private));

        Assert.Equal(ChatError.Unavailable, failed.Error);
        Assert.Equal("Second try", created.Name);
        Assert.Equal([owner.UserId], created.Members!.Select(m => m.UserId));
    }
}
