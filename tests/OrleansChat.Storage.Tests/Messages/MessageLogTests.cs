using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests.Messages;

[Collection(StorageEnginesCollection.Name)]
public sealed class MessageLogTests(StorageEngines engines)
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Appended_drafts_are_numbered_from_the_last_seq_in_order_and_read_back_exactly(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));

        var first = await log.AppendAsync("room", 0, [Draft("a"), Draft("b")]);
        var second = await log.AppendAsync("room", 2, [Draft("c")]);

        Assert.Equal([1L, 2L, 3L], first.Concat(second).Select(o => o.Message.Seq));
        Assert.All(first.Concat(second), o => Assert.False(o.Duplicate));
        Assert.Equal(3, await log.GetLastSeqAsync("room"));
        Assert.Equal(first.Concat(second).Select(o => o.Message), await log.ReadRangeAsync("room", 1, 3));
        Assert.Equal([second[0].Message], await log.ReadRangeAsync("room", 3, 10));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_stored_client_message_id_returns_the_original_instead_of_a_second_copy(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));
        var original = (await log.AppendAsync("room", 0, [Draft("a", "first text")]))[0].Message;

        var outcomes = await log.AppendAsync("room", 1, [Draft("a", "retried"), Draft("b"), Draft("b", "same batch")]);

        Assert.Equal(new AppendOutcome(original, Duplicate: true), outcomes[0]);
        Assert.Equal((2L, false), (outcomes[1].Message.Seq, outcomes[1].Duplicate));
        Assert.Equal(new AppendOutcome(outcomes[1].Message, Duplicate: true), outcomes[2]);
        Assert.Equal(["first text", "text of b"], (await log.ReadRangeAsync("room", 1, 10)).Select(m => m.Text));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task An_append_from_a_stale_last_seq_fails_whole_and_stores_nothing(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));
        await log.AppendAsync("room", 0, [Draft("a")]);

        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync("room", 0, [Draft("b"), Draft("c")]));

        Assert.Equal(1, await log.GetLastSeqAsync("room"));
        Assert.Equal(["a"], (await log.ReadRangeAsync("room", 1, 10)).Select(m => m.ClientMessageId));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_full_batch_of_the_largest_size_appends_at_once(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));
        var drafts = Enumerable.Range(1, new Grains.Rooms.RoomOptions().MaxBatchSize).Select(i => Draft($"c{i}")).ToArray();

        var outcomes = await log.AppendAsync("room", 0, drafts);

        Assert.Equal(Enumerable.Range(1, drafts.Length).Select(i => (long)i), outcomes.Select(o => o.Message.Seq));
        Assert.Equal(outcomes.Select(o => o.Message), await log.ReadRangeAsync("room", 1, drafts.Length));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Rooms_number_and_dedupe_independently(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));

        await log.AppendAsync("one", 0, [Draft("same")]);
        var other = await log.AppendAsync("two", 0, [Draft("same")]);

        Assert.Equal((1L, false), (other[0].Message.Seq, other[0].Duplicate));
        Assert.Equal(0, await log.GetLastSeqAsync("three"));
        Assert.Empty(await log.ReadRangeAsync("three", 1, 10));
    }

    /// <summary>A writer keeps its statements per batch size and refills them: nothing of one batch may stay in the next.</summary>
    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Batches_of_one_size_one_after_another_store_their_own_values_and_find_their_own_retries(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));
        var quote = new MessageQuote(1, "bob", "Bob", "the question");

        await log.AppendAsync("one", 0, [Draft("a"), Draft("r", "the answer") with { ReplyTo = quote, Mentions = ["bob"], SenderName = "Ñame" }]);
        await log.AppendAsync("two", 0, [Draft("b"), Draft("c")]);
        await log.AppendAsync("one", 2, [Draft("c"), Draft("d")]);
        var retried = await log.AppendAsync("two", 2, [Draft("c", "again"), Draft("e")]);

        Assert.Equal([(true, 2L), (false, 3L)], retried.Select(o => (o.Duplicate, o.Message.Seq)));
        static (long, string, string, string, MessageQuote?, string) Row(ChatMessage m) =>
            (m.Seq, m.ClientMessageId, m.SenderName, m.Text, m.ReplyTo, string.Join(",", m.Mentions ?? []));
        Assert.Equal(
            [(1L, "a", "Alice", "text of a", null, ""), (2L, "r", "Ñame", "the answer", quote, "bob"),
             (3L, "c", "Alice", "text of c", null, ""), (4L, "d", "Alice", "text of d", null, "")],
            (await log.ReadRangeAsync("one", 1, 10)).Select(Row));
        Assert.Equal(
            [(1L, "b", "Alice", "text of b", null, ""), (2L, "c", "Alice", "text of c", null, ""), (3L, "e", "Alice", "text of e", null, "")],
            (await log.ReadRangeAsync("two", 1, 10)).Select(Row));
        Assert.Equal((4L, 3L), (await log.GetLastSeqAsync("one"), await log.GetLastSeqAsync("two")));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Every_field_and_kind_round_trips(string engine)
    {
        var log = new SqlMessageLog(await engines.CreateMigratedAsync(engine));
        var drafts = Enum.GetValues<MessageKind>()
            .Select(kind => new MessageDraft($"id-{kind}", $"c-{kind}", "sender", "Sender Ñame", kind, "émoji 🎉 and \"quotes\"", SentAt))
            .ToArray();

        var outcomes = await log.AppendAsync("room", 0, drafts);

        Assert.Equal(outcomes.Select(o => o.Message), await log.ReadRangeAsync("room", 1, drafts.Length));
        var epoch = await log.GetEpochAsync();
        Assert.Equal(drafts.Select(d => d.ToMessage("room", 0, epoch)), outcomes.Select(o => o.Message with { Seq = 0 }));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Archiving_moves_a_rooms_older_messages_out_of_its_history_numbering_carries_on_and_their_retries_find_them(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var log = new SqlMessageLog(database);
        await log.AppendAsync("room", 0, [Draft("a"), Draft("b"), Draft("c"), Draft("d")]);
        await log.AppendAsync("other", 0, [Draft("a")]);

        Assert.Equal(2, await log.ArchiveAsync("room", beforeSeq: 3, SentAt));

        Assert.Equal((3L, 4L), (await log.GetFirstSeqAsync("room"), await log.GetLastSeqAsync("room")));
        Assert.Equal([3L, 4L], (await log.ReadRangeAsync("room", 1, 10)).Select(m => m.Seq));
        Assert.Equal((1L, 1), (await log.GetFirstSeqAsync("other"), (await log.ReadRangeAsync("other", 1, 10)).Count));
        Assert.Equal(5, (await log.AppendAsync("room", 4, [Draft("e")]))[0].Message.Seq);
        var retried = (await log.AppendAsync("room", 5, [Draft("a")]))[0];
        Assert.Equal((1L, true), (retried.Message.Seq, retried.Duplicate));
        Assert.Equal(5, await log.GetLastSeqAsync("room"));
        await using var connection = await database.OpenAsync();
        await using var archived = connection.CreateCommand();
        archived.CommandText = "SELECT client_message_id, archived_at_ms FROM messages_archive WHERE room_id = 'room' ORDER BY seq";
        await using var reader = await archived.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        Assert.Equal([("a", SentAt.ToUnixTimeMilliseconds()), ("b", SentAt.ToUnixTimeMilliseconds())], rows);
    }

    private static MessageDraft Draft(string clientMessageId, string? text = null) =>
        new($"m-{Guid.NewGuid():N}", clientMessageId, "alice", "Alice", MessageKind.Text, text ?? $"text of {clientMessageId}", SentAt);
}
