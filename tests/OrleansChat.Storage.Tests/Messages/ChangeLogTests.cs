using System.Text.Json;
using OrleansChat.Contracts;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests.Messages;

/// <summary>Changes to messages on both engines: the change rows, the messages' current state, reactions, mentions and what a deletion forgets.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class ChangeLogTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Changes_are_read_back_in_order_with_each_messages_current_state(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var log = new SqlMessageLog(database);
        var changes = new SqlChangeLog(database);
        var quote = new MessageQuote(1, "alice", "Alice", "first");
        var stored = (await log.AppendAsync("room", 0, [Draft("m1", "first", mentions: ["bob"]), Draft("m2", "second", quote)])).Select(o => o.Message).ToArray();

        var edit = Change(1, 1, ChangeKind.Edited) with { Text = "first!", Mentions = ["carol"] };
        var thumbs = Change(2, 2, ChangeKind.Reaction) with { UserId = "bob", Emoji = "👍", Reacted = true, Count = 1 };
        var party = Change(3, 2, ChangeKind.Reaction) with { UserId = "bob", Emoji = "🎉", Reacted = true, Count = 1 };
        var first = stored[0] with { Text = "first!", Mentions = ["carol"], EditedAt = Now, ChangeSeq = 1 };
        var second = stored[1] with { Reactions = [new Reaction("👍", 1), new Reaction("🎉", 1)], ChangeSeq = 3 };
        await changes.ApplyAsync("room", [edit, thumbs, party], [first, second]);

        Assert.Equal(3, await changes.GetLastChangeAsync("room"));
        Same([edit, thumbs, party], await changes.ReadAsync("room", 0, 10));
        Same([party], await changes.ReadAsync("room", 2, 10));
        Same([first, second], await log.ReadRangeAsync("room", 1, 2));
        Same([first], await changes.ReadMessagesAsync("room", [1L]));
        Assert.Equal(new HashSet<ReactionKey> { new(2, "👍", "bob"), new(2, "🎉", "bob") }, await changes.FindReactionsAsync("room", [1L, 2L], ["bob", "alice"]));
        Assert.Empty(await changes.FindReactionsAsync("room", [1L], ["bob"]));
        Assert.Equal(2, (await changes.ReadOwnReactionsAsync("room", "bob", 1, 2)).Count);
        // Stale: the message is already further on.
        await Assert.ThrowsAnyAsync<Exception>(() => changes.ApplyAsync("room", [Change(4, 1, ChangeKind.Deleted)], [first with { ChangeSeq = 1 }]));
        Assert.Equal(3, await changes.GetLastChangeAsync("room"));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_deletion_forgets_earlier_edits_text_quotes_excerpts_reactions_mentions_and_files(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var log = new SqlMessageLog(database);
        var changes = new SqlChangeLog(database);
        var catalog = new SqlFileCatalog(database);
        var file = await catalog.AddAsync(new FileRecord(new Attachment(Guid.CreateVersion7().ToString("N"), "a.pdf", "application/pdf", 10), "room", "alice", null, Now, null));
        var original = (await log.AppendAsync("room", 0, [Draft("m1", "abuse @bob", mentions: ["bob"], file: file.Attachment)]))[0].Message;
        var reply = (await log.AppendAsync("room", 1, [Draft("m2", "re", new MessageQuote(1, "alice", "Alice", "abuse @bob"))]))[0].Message;
        var edit = Change(1, 1, ChangeKind.Edited) with { Text = "more abuse" };
        var thumbs = Change(2, 1, ChangeKind.Reaction) with { UserId = "bob", Emoji = "👍", Reacted = true, Count = 1 };
        await changes.ApplyAsync("room", [edit, thumbs], [original with { Text = "more abuse", Mentions = null, EditedAt = Now, ChangeSeq = 2, Reactions = [new("👍", 1)] }]);

        var deletion = Change(3, 1, ChangeKind.Deleted);
        var tombstone = original with { Text = "", Attachments = null, Mentions = null, DeletedAt = Now, ChangeSeq = 3 };
        await changes.ApplyAsync("room", [deletion], [tombstone]);

        Assert.Equal(["", null, null], (await changes.ReadAsync("room", 0, 10)).Select(c => c.Text));
        Same([tombstone, reply with { ReplyTo = reply.ReplyTo! with { Excerpt = "" } }], await log.ReadRangeAsync("room", 1, 2));
        Assert.Empty(await changes.ReadOwnReactionsAsync("room", "bob", 1, 2));
        Assert.Null(await catalog.FindAsync(file.FileId));
        Assert.Equal([file.FileId], (await catalog.TakeUnsentAsync(Now.AddYears(-1), 10)).Select(f => f.FileId));
    }

    /// <summary>Equal as the protocol sees them: records compare their lists by reference.</summary>
    private static void Same<T>(IEnumerable<T> expected, IEnumerable<T> actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    private static MessageChange Change(long changeSeq, long seq, ChangeKind kind) => new("room", changeSeq, seq, kind, "alice", Now);

    private static MessageDraft Draft(string clientMessageId, string text, MessageQuote? replyTo = null, IReadOnlyList<string>? mentions = null, Attachment? file = null) =>
        new(Guid.CreateVersion7().ToString("N"), clientMessageId, "alice", "Alice", MessageKind.Text, text, Now, file is null ? null : [file], replyTo, mentions);
}
