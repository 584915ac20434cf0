using OrleansChat.Contracts;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Support;
using OrleansChat.Storage.Sql.Messages;
using OrleansChat.Storage.Sql.Support;

namespace OrleansChat.Storage.Tests.Support;

/// <summary>The support desk's conversations on every engine: written whole, filtered, paged, rated once, reported on.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class SupportArchiveTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_conversation_reads_back_as_written_and_its_rating_is_given_once_and_kept_by_later_writes(string engine)
    {
        var archive = new SqlSupportArchive(await engines.CreateMigratedAsync(engine));
        var open = Record("c1", SupportStatus.Assigned, Now, labels: ["vip", "refund"]);
        await archive.SaveAsync("shop", [open]);
        var earlyRating = await archive.RateAsync("shop", "c1", new SupportRating(5, null, Now));
        var resolved = Record("c1", SupportStatus.Resolved, Now, labels: ["vip"]);
        // The address the visitor left stays with the conversation into the archive, for when it is reopened.
        resolved = resolved with { Conversation = resolved.Conversation with { VisitorEmail = "nora@example.com", WantsTranscript = true } };
        await archive.SaveAsync("shop", [resolved]);

        var rated = await archive.RateAsync("shop", "c1", new SupportRating(4, "Fine", Now.AddMinutes(1)));
        var again = await archive.RateAsync("shop", "c1", new SupportRating(1, null, Now.AddMinutes(2)));
        await archive.SaveAsync("shop", [resolved with { Conversation = resolved.Conversation with { Labels = null } }]);

        Assert.False(earlyRating);
        Assert.Equal((true, false), (rated, again));
        var stored = await archive.FindAsync("shop", "c1");
        Assert.Equal(resolved.Conversation with { Labels = null }, stored!.Conversation);
        Assert.Equal(resolved.History, stored.History);
        Assert.Equal(resolved.Pages, stored.Pages);
        Assert.Equal(new SupportRating(4, "Fine", Now.AddMinutes(1)), stored.Rating);
        Assert.Null(await archive.FindAsync("other-site", "c1"));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_copy_older_than_the_stored_one_changes_nothing_and_adding_what_is_missing_leaves_what_is_there(string engine)
    {
        var archive = new SqlSupportArchive(await engines.CreateMigratedAsync(engine));
        var resolved = Record("c1", SupportStatus.Resolved, Now, labels: ["refund"]);
        var labelled = resolved with { Conversation = resolved.Conversation with { Labels = ["refund", "vip"], Revision = 8 } };
        await archive.SaveAsync("shop", [labelled]);

        await archive.SaveAsync("shop", [resolved]);
        await archive.AddMissingAsync("shop", [resolved with { Conversation = resolved.Conversation with { Revision = 9 } }, Record("c2", SupportStatus.Resolved, Now)]);

        var stored = (await archive.FindAsync("shop", "c1"))!.Conversation;
        Assert.Equal(8, stored.Revision);
        Assert.Equal(["refund", "vip"], stored.Labels);
        Assert.Equal(SupportStatus.Resolved, (await archive.FindAsync("shop", "c2"))!.Conversation.Status);
        Assert.Equal((8, 0), (await archive.GetLastRevisionAsync("shop"), await archive.GetLastRevisionAsync("other")));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Listing_filters_by_status_label_text_and_time_and_pages_newest_first_taking_wildcards_literally(string engine)
    {
        var archive = new SqlSupportArchive(await engines.CreateMigratedAsync(engine));
        await archive.SaveAsync("shop",
        [
            Record("c1", SupportStatus.Resolved, Now, labels: ["a_b"], topic: "100% cotton"),
            Record("c2", SupportStatus.Resolved, Now.AddMinutes(1), labels: ["axb"], topic: "Cotton shirts"),
            Record("c3", SupportStatus.Waiting, Now.AddMinutes(2), topic: "Shoes"),
            Record("c4", SupportStatus.Resolved, Now.AddMinutes(2), topic: "Boots"),
        ]);
        await archive.SaveAsync("other", [Record("c9", SupportStatus.Resolved, Now)]);

        Assert.Equal(["c4", "c2", "c1"], await IdsAsync(archive, Query() with { Status = SupportStatus.Resolved }));
        Assert.Equal(["c1"], await IdsAsync(archive, Query() with { Label = "a_b" }));
        Assert.Equal(["c1"], await IdsAsync(archive, Query() with { Text = "0%" }));
        Assert.Equal(["c2", "c1"], await IdsAsync(archive, Query() with { Text = "cotton" }));
        Assert.Equal(["c2"], await IdsAsync(archive, Query() with { From = Now.AddMinutes(1), To = Now.AddMinutes(2) }));
        var pages = new List<string[]>();
        string? before = null;
        do
        {
            var page = await archive.ListAsync("shop", Query() with { Before = before, Limit = 3 });
            pages.Add([.. page.Conversations.Select(r => r.Conversation.ConversationId)]);
            before = page.Next;
        }
        while (before is not null);
        Assert.Equal([["c4", "c3", "c2"], ["c1"]], pages);
        var refused = await Assert.ThrowsAsync<ChatException>(() => archive.ListAsync("shop", Query() with { Before = "soon.c1" }));
        Assert.Equal(ChatError.Invalid, refused.Error);
        Assert.Equal(["c3", "c1"], (await archive.ListOfVisitorAsync("shop", "v-odd", 10)).Select(r => r.Conversation.ConversationId));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task Outcomes_take_the_first_response_after_the_visitors_first_message_from_the_log_and_not_the_assistants(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var archive = new SqlSupportArchive(database);
        var log = new SqlMessageLog(database);
        var answered = Record("c1", SupportStatus.Resolved, Now, agentId: "ada");
        await archive.SaveAsync("shop", [answered, Record("c2", SupportStatus.Resolved, Now), Record("c3", SupportStatus.Assigned, Now)]);
        await log.AppendAsync("c1", 0,
        [
            Message("m1", "ada", MessageKind.Text, Now.AddSeconds(-30)),
            Message("m2", answered.Conversation.VisitorId, MessageKind.Text, Now.AddSeconds(10)),
            Message("m3", "assistant", MessageKind.Assistant, Now.AddSeconds(11)),
            Message("m4", "ada", MessageKind.Text, Now.AddSeconds(70)),
        ]);
        await archive.RateAsync("shop", "c1", new SupportRating(3, null, Now));

        var outcomes = await archive.ReadOutcomesAsync("shop", Now, Now.AddHours(1));

        Assert.Equal(2, outcomes.Count);
        var c1 = outcomes.Single(o => o.AgentId == "ada");
        Assert.Equal((Now.AddSeconds(10), Now.AddSeconds(70), 3), (c1.FirstVisitorMessageAt, c1.FirstResponseAt, c1.Rating));
        var c2 = outcomes.Single(o => o.AgentId is null);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (c2.FirstVisitorMessageAt, c2.FirstResponseAt));
        Assert.Empty(await archive.ReadOutcomesAsync("shop", Now.AddHours(1), Now.AddHours(2)));
    }

    private static SupportQuery Query() => new(null, null, null, null, null, null, 50);

    private static async Task<string[]> IdsAsync(SqlSupportArchive archive, SupportQuery query) =>
        [.. (await archive.ListAsync("shop", query)).Conversations.Select(r => r.Conversation.ConversationId)];

    /// <summary>A conversation first contacted at <paramref name="createdAt"/>; its status reached a minute later.</summary>
    private static SupportRecord Record(
        string id, SupportStatus status, DateTimeOffset createdAt, string[]? labels = null, string? topic = null, string? agentId = null)
    {
        var since = createdAt.AddMinutes(1);
        var conversation = new SupportConversation(id, id, id is "c1" or "c3" ? "v-odd" : $"v-{id}", $"Visitor {id}", status, agentId, topic,
            createdAt, since, "https://shop.example/", Position: null, Revision: 7, Labels: labels);
        return new SupportRecord(
            conversation,
            [new SupportStatusChange(SupportStatus.Bot, null, createdAt), new SupportStatusChange(status, agentId, since)],
            [new PageVisit("https://shop.example/", createdAt)],
            Rating: null);
    }

    private static MessageDraft Message(string clientMessageId, string senderId, MessageKind kind, DateTimeOffset at) =>
        new(Guid.CreateVersion7().ToString("N"), clientMessageId, senderId, senderId, kind, "text", at, null);
}
