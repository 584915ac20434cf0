using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests;

/// <summary>Changes to stored messages at the grain: numbered gap free, applied to messages in and beyond the memory window.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RoomChangeTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_storm_of_reactions_into_one_message_counts_each_once_with_change_seqs_one_to_n()
    {
        var owner = ChatClusterFixture.User("owner");
        var fans = Enumerable.Range(0, 60).Select(i => ChatClusterFixture.User($"fan{i}")).ToArray();
        var room = await fixture.CreateRoomAsync(owner, RoomVisibility.Private, fans);
        var hot = (await room.Send(owner, "hot", "vote here")).Message;

        var results = await Task.WhenAll(fans.SelectMany(fan => new[]
        {
            room.SetReaction(fan, hot.Seq, "👍", true),
            room.SetReaction(fan, hot.Seq, "👍", true),
        }));

        Assert.Equal(60, results.Count(r => r.Change is not null));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), results.Where(r => r.Change is not null).Select(r => r.Change!.ChangeSeq).Order());
        var page = await room.GetMessages(owner.UserId, new HistoryQuery(null, 0, 10));
        Assert.Equal([new Reaction("👍", 60, Me: false)], page.Messages.Single().Reactions);
        var changes = await room.GetChanges(owner.UserId, 0, 200);
        Assert.Equal((60, 60L, false), (changes.Changes.Count, changes.LastChange, changes.HasMore));
        Assert.Equal(Enumerable.Range(1, 60), changes.Changes.Select(c => c.Count!.Value));
    }

    [Fact]
    public async Task Changes_to_a_message_beyond_the_memory_window_are_stored_and_read_back()
    {
        var alice = ChatClusterFixture.User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        for (var i = 1; i <= ChatClusterFixture.WindowSize * 3; i++) await room.Send(alice, $"m{i}", $"message {i}");

        var edited = await room.EditMessage(alice, 1, "message one");
        var reply = await room.Post(alice, new NewMessage("r1", "about the first", [], ReplyTo: 1));
        await room.SetReaction(alice, 1, "🎉", true);
        var deleted = await room.DeleteMessage(alice, 2);

        Assert.Equal(("message one", 1L), (edited.Message.Text, edited.Message.ChangeSeq));
        Assert.Equal(new MessageQuote(1, alice.UserId, "alice", "message one"), reply.Message.ReplyTo);
        var early = await room.GetMessages(alice.UserId, new HistoryQuery(null, 0, 2));
        Assert.Equal(("message one", 2L), (early.Messages[0].Text, early.Messages[0].ChangeSeq));
        Assert.Equal([new Reaction("🎉", 1, Me: true)], early.Messages[0].Reactions);
        Assert.Equal(("", deleted.Change!.At), (early.Messages[1].Text, early.Messages[1].DeletedAt!.Value));
    }

    [Fact]
    public async Task Refused_changes_change_nothing()
    {
        var alice = ChatClusterFixture.User("alice");
        var bob = ChatClusterFixture.User("bob");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob);
        var mine = (await room.Send(alice, "a1", "mine")).Message;
        var bobs = (await room.Send(bob, "b1", "bob's")).Message;

        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.EditMessage(bob, mine.Seq, "hijacked"))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => room.DeleteMessage(bob, mine.Seq))).Error);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => room.SetReaction(bob, 99, "👍", true))).Error);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => room.EditMessage(alice, mine.Seq, "   "))).Error);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() =>
            room.EditMessage(ChatClusterFixture.User("mallory"), mine.Seq, "x"))).Error);
        Assert.Equal(0, (await room.GetChanges(alice.UserId, 0, 50)).LastChange);

        await room.DeleteMessage(alice, bobs.Seq);
        Assert.Equal(ChatError.Conflict, (await Assert.ThrowsAsync<ChatException>(() => room.SetReaction(alice, bobs.Seq, "👍", true))).Error);
        Assert.Equal(ChatError.Conflict, (await Assert.ThrowsAsync<ChatException>(() => room.EditMessage(bob, bobs.Seq, "back"))).Error);
        Assert.Equal(1, (await room.GetChanges(alice.UserId, 0, 50)).LastChange);
        Assert.Equal(["mine", ""], (await room.GetMessages(alice.UserId, new HistoryQuery(null, 0, 10))).Messages.Select(m => m.Text));
    }
}
