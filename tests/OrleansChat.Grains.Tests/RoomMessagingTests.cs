using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests;

[Collection(ChatClusterCollection.Name)]
public sealed class RoomMessagingTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task Twenty_concurrent_senders_get_seqs_one_to_n_without_gap_or_duplicate()
    {
        var owner = ChatClusterFixture.User("owner");
        var senders = Enumerable.Range(0, 20).Select(i => ChatClusterFixture.User($"sender{i}")).ToArray();
        var room = await fixture.CreateRoomAsync(owner, RoomVisibility.Private, senders);
        const int perSender = 10;

        var sends = senders.SelectMany(sender => Enumerable.Range(0, perSender)
            .Select(i => room.Send(sender, $"{sender.UserId}-{i}", $"message {i} from {sender.DisplayName}")));
        var results = await Task.WhenAll(sends);

        var total = senders.Length * perSender;
        Assert.All(results, r => Assert.False(r.Duplicate));
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), results.Select(r => r.Message.Seq).Order());
        var page = await room.GetMessages(owner.UserId, new HistoryQuery(null, 0, 200));
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), page.Messages.Select(m => m.Seq));
        Assert.Equal(results.Select(r => r.Message.MessageId).Order(), page.Messages.Select(m => m.MessageId).Order());
        Assert.Equal(total, page.LastSeq);
    }

    [Fact]
    public async Task The_same_client_message_id_twice_stores_one_message()
    {
        var alice = ChatClusterFixture.User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);

        var first = await room.Send(alice, "cid-1", "hello");
        var retry = await room.Send(alice, "cid-1", "hello");
        var racing = await Task.WhenAll(room.Send(alice, "cid-2", "a"), room.Send(alice, "cid-2", "a"));

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Message, retry.Message);
        Assert.Single(racing, r => !r.Duplicate);
        Assert.Equal(racing[0].Message, racing[1].Message);
        var page = await room.GetMessages(alice.UserId, new HistoryQuery(null, null, 50));
        Assert.Equal(["hello", "a"], page.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_retry_older_than_the_memory_window_still_returns_the_original()
    {
        var alice = ChatClusterFixture.User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        var first = await room.Send(alice, "old", "first");
        for (var i = 0; i < ChatClusterFixture.WindowSize * 2; i++) await room.Send(alice, $"filler-{i}", "filler");

        var retry = await room.Send(alice, "old", "first");

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Message, retry.Message);
        Assert.Equal(ChatClusterFixture.WindowSize * 2 + 1, (await room.GetMessages(alice.UserId, new HistoryQuery(null, null, 1))).LastSeq);
    }

    [Fact]
    public async Task Another_senders_client_message_id_is_a_conflict_and_stores_nothing()
    {
        var alice = ChatClusterFixture.User("alice");
        var bob = ChatClusterFixture.User("bob");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private, bob);
        await room.Send(alice, "shared", "from alice");

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Send(bob, "shared", "from bob"));

        Assert.Equal(ChatError.Conflict, error.Error);
        Assert.Equal(1, (await room.GetMessages(alice.UserId, new HistoryQuery(null, null, 50))).LastSeq);
    }

    [Fact]
    public async Task A_non_member_cannot_send_to_a_private_room_and_nothing_is_stored()
    {
        var alice = ChatClusterFixture.User("alice");
        var mallory = ChatClusterFixture.User("mallory");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);

        var error = await Assert.ThrowsAsync<ChatException>(() => room.Send(mallory, "m-1", "let me in"));

        Assert.Equal(ChatError.Forbidden, error.Error);
        Assert.Equal(0, (await room.GetMessages(alice.UserId, new HistoryQuery(null, null, 50))).LastSeq);
    }

    [Theory]
    [InlineData(null, 0L, 10, 1, 10, true)]     // first page after nothing
    [InlineData(null, 20L, 5, 21, 25, false)]   // the tail exactly
    [InlineData(null, 19L, 5, 20, 24, true)]    // one short of the tail
    [InlineData(null, 25L, 5, 0, 0, false)]     // nothing after the last
    [InlineData(null, 40L, 5, 21, 25, true)]    // past the last (a seq of an epoch before a restore): the latest page
    [InlineData(11L, null, 10, 1, 10, false)]   // back to the first exactly
    [InlineData(12L, null, 10, 2, 11, true)]    // one short of the first
    [InlineData(2L, null, 10, 1, 1, false)]     // less than a page left
    [InlineData(null, null, 10, 16, 25, true)]  // the latest page
    [InlineData(null, null, 25, 1, 25, false)]  // the latest page is everything
    public async Task History_pages_are_exact_at_page_edges(long? before, long? after, int limit, int firstSeq, int lastSeq, bool hasMore)
    {
        var alice = ChatClusterFixture.User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        for (var i = 1; i <= 25; i++) await room.Send(alice, $"c{i}", $"message {i}");

        var page = await room.GetMessages(alice.UserId, new HistoryQuery(before, after, limit));

        var expected = firstSeq == 0 ? [] : Enumerable.Range(firstSeq, lastSeq - firstSeq + 1).Select(i => (long)i).ToArray();
        Assert.Equal(expected, page.Messages.Select(m => m.Seq));
        Assert.Equal(expected.Select(seq => $"message {seq}"), page.Messages.Select(m => m.Text));
        Assert.Equal(hasMore, page.HasMore);
        Assert.Equal(25, page.LastSeq);
    }

    [Fact]
    public async Task A_client_message_id_reused_for_other_text_is_a_conflict_in_the_window_and_beyond_it()
    {
        var alice = ChatClusterFixture.User("alice");
        var room = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        await room.Send(alice, "old", "long ago");
        for (var i = 0; i < ChatClusterFixture.WindowSize; i++) await room.Send(alice, $"filler-{i}", "filler");
        await room.Send(alice, "recent", "just now");

        var beyond = await Assert.ThrowsAsync<ChatException>(() => room.Send(alice, "old", "rewritten"));
        var within = await Assert.ThrowsAsync<ChatException>(() => room.Send(alice, "recent", "rewritten"));
        var sameText = await room.Send(alice, "old", "  long ago ");

        Assert.Equal((ChatError.Conflict, ChatError.Conflict), (beyond.Error, within.Error));
        Assert.Equal((1L, true), (sameText.Message.Seq, sameText.Duplicate));
        Assert.Equal(ChatClusterFixture.WindowSize + 2, (await room.GetMessages(alice.UserId, new HistoryQuery(null, null, 50))).LastSeq);
    }
}
