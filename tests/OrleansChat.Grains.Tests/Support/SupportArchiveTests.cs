using Microsoft.Data.Sqlite;
using OrleansChat.Contracts;
using OrleansChat.Grains.Support;
using OrleansChat.Grains.Support.Desk;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Grains.Tests.Support;

/// <summary>The desk keeps open conversations only; resolved ones live in the archive and come back from it.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SupportArchiveTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_resolved_conversation_leaves_the_desk_for_the_archive_with_its_history_and_the_visitors_next_message_brings_it_back()
    {
        var (desk, siteId) = NewDesk();
        var ada = Agent("ada");
        var conversation = await OpenAsync(siteId, "Vera");
        await desk.HandOff(Visitor(conversation), conversation.ConversationId);
        await desk.Assign(ada, conversation.ConversationId, agentId: null);

        var resolved = await desk.Resolve(ada, conversation.ConversationId);

        Assert.Equal(SupportStatus.Resolved, resolved.Status);
        Assert.DoesNotContain(conversation.ConversationId, await StoredDeskAsync(siteId));
        var archived = Assert.Single((await Archive(siteId).List(ada, Query(SupportStatus.Resolved))).Conversations);
        Assert.Equal(resolved, archived.Conversation);
        Assert.Equal(
            [(SupportStatus.Bot, null), (SupportStatus.Waiting, null), (SupportStatus.Assigned, ada.UserId), (SupportStatus.Resolved, ada.UserId)],
            archived.History.Select(h => (h.Status, h.AgentId)));
        Assert.Equal(resolved, await desk.Resolve(ada, conversation.ConversationId));

        // A new activation holds nothing of it; the visitor's message finds it in the archive.
        await fixture.Cluster.DeactivateAsync(desk);
        await fixture.Grains.GetGrain<IRoomGrain>(conversation.RoomId).Send(Visitor(conversation), "again", "One more thing");

        var back = await EventuallyAsync(async () => (await desk.GetQueue(ada)).SingleOrDefault(c => c.ConversationId == conversation.ConversationId));
        Assert.Equal(SupportStatus.Waiting, back!.Status);
        var reopened = Assert.Single((await Archive(siteId).List(ada, Query(SupportStatus.Waiting))).Conversations);
        Assert.Equal(5, reopened.History.Count);
        Assert.Empty((await Archive(siteId).List(ada, Query(SupportStatus.Resolved))).Conversations);
    }

    [Fact]
    public async Task An_agent_reopens_an_archived_conversation_and_only_its_visitor_rates_it_once_resolved_and_only_once()
    {
        var (desk, siteId) = NewDesk();
        var (ada, bob) = (Agent("ada"), Agent("bob"));
        var conversation = await OpenAsync(siteId, "Rita");
        var visitor = Visitor(conversation);
        var records = Records(siteId);
        var early = await Assert.ThrowsAsync<ChatException>(() => records.Rate(visitor, conversation.ConversationId, 5, null));
        await desk.Resolve(visitor, conversation.ConversationId);
        await fixture.Cluster.DeactivateAsync(desk);

        var reopened = await records.Reopen(bob, conversation.ConversationId);

        Assert.Equal((SupportStatus.Assigned, bob.UserId), (reopened.Status, reopened.AgentId));
        Assert.Contains(await desk.GetQueue(bob), c => c.ConversationId == conversation.ConversationId);
        var whileOpen = await Assert.ThrowsAsync<ChatException>(() => records.Rate(visitor, conversation.ConversationId, 4, null));
        await desk.Resolve(bob, conversation.ConversationId);
        var byAgent = await Assert.ThrowsAsync<ChatException>(() => records.Rate(ada, conversation.ConversationId, 1, null));
        var byStranger = await Assert.ThrowsAsync<ChatException>(
            () => records.Rate(new ChatUser("v-stranger", "Stranger", UserRole.Visitor), conversation.ConversationId, 1, null));
        var outOfRange = await Assert.ThrowsAsync<ChatException>(() => records.Rate(visitor, conversation.ConversationId, 6, null));
        var rating = await records.Rate(visitor, conversation.ConversationId, 4, "Quick and kind");
        var twice = await Assert.ThrowsAsync<ChatException>(() => records.Rate(visitor, conversation.ConversationId, 5, null));

        Assert.Equal(
            [ChatError.Conflict, ChatError.Conflict, ChatError.Forbidden, ChatError.Forbidden, ChatError.Invalid, ChatError.Conflict],
            new[] { early, whileOpen, byAgent, byStranger, outOfRange, twice }.Select(e => e.Error));
        var archived = Assert.Single((await Archive(siteId).List(ada, Query(SupportStatus.Resolved))).Conversations);
        Assert.Equal(rating, archived.Rating);
        Assert.Equal((4, "Quick and kind"), (rating.Score, rating.Comment));
        var visitorReopens = await Assert.ThrowsAsync<ChatException>(() => records.Reopen(visitor, conversation.ConversationId));
        Assert.Equal(ChatError.Forbidden, visitorReopens.Error);
    }

    [Fact]
    public async Task A_stored_desk_with_many_resolved_conversations_activates_with_only_the_open_ones_in_its_state()
    {
        const int resolvedCount = 3000;
        var (desk, siteId) = NewDesk();
        var agent = Agent("ada");
        var open = await OpenAsync(siteId, "Still here");
        await fixture.Cluster.DeactivateAsync(desk);
        // A desk as releases before the archive stored it: every conversation it ever had in its state.
        var legacy = new SupportDeskState { Conversations = { [open.ConversationId] = open } };
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds());
        for (var i = 0; i < resolvedCount; i++)
        {
            var at = start.AddMinutes(i);
            var id = $"support:{siteId}:past-{i:D5}";
            legacy.Conversations[id] = new SupportConversation(id, id, $"v-past-{i}", $"Past {i}", SupportStatus.Resolved, null, "Old", at, at.AddMinutes(5));
        }
        await StoreDeskAsync(siteId, legacy);

        var queue = await desk.GetQueue(agent);

        Assert.Empty(queue);
        Assert.Equal([open.ConversationId], await StoredDeskAsync(siteId));
        var listed = new List<SupportRecord>();
        string? before = null;
        do
        {
            var page = await Archive(siteId).List(agent, Query(SupportStatus.Resolved) with { Before = before, Limit = 500 });
            listed.AddRange(page.Conversations);
            before = page.Next;
        }
        while (before is not null);
        Assert.Equal(resolvedCount, listed.Select(r => r.Conversation.ConversationId).Distinct().Count());
        Assert.Equal(legacy.Conversations[$"support:{siteId}:past-{resolvedCount - 1:D5}"], listed[0].Conversation);

        var past = legacy.Conversations[$"support:{siteId}:past-00042"];
        await fixture.Grains.GetGrain<IRoomGrain>(past.RoomId).EnsureSupport(new ChatUser(past.VisitorId, past.VisitorName, UserRole.Visitor), siteId);
        var reopened = await Records(siteId).Reopen(agent, past.ConversationId);
        Assert.Equal(SupportStatus.Assigned, reopened.Status);
        Assert.Equal([open.ConversationId, past.ConversationId], (await StoredDeskAsync(siteId)).Order());
    }

    [Fact]
    public async Task A_stale_copy_of_a_resolved_conversation_in_a_desk_stored_by_an_earlier_release_leaves_the_labels_given_since()
    {
        var (desk, siteId) = NewDesk();
        var ada = Agent("ada");
        var conversation = await OpenAsync(siteId, "Paula");
        await desk.Resolve(Visitor(conversation), conversation.ConversationId);
        var stale = Assert.Single((await Archive(siteId).List(ada, Query(SupportStatus.Resolved))).Conversations).Conversation;
        await Records(siteId).AddLabel(ada, conversation.ConversationId, "vip");
        await fixture.Cluster.DeactivateAsync(desk);
        // Before faa4c78 a visitor's return could leave the resolved conversation in the desk's state, as it was then.
        await StoreDeskAsync(siteId, new SupportDeskState { Conversations = { [stale.ConversationId] = stale } });

        await desk.GetQueue(ada);

        Assert.Empty(await StoredDeskAsync(siteId));
        var labelled = Assert.Single((await Archive(siteId).List(ada, Query(status: null) with { Label = "vip" })).Conversations).Conversation;
        Assert.Equal(conversation.ConversationId, labelled.ConversationId);
        var relabelled = await Records(siteId).AddLabel(ada, conversation.ConversationId, "refund");
        Assert.True(relabelled.Revision > labelled.Revision);
    }

    [Fact]
    public async Task A_visitor_who_comes_back_on_another_page_gives_the_conversation_a_new_revision_which_the_archive_keeps()
    {
        var (desk, siteId) = NewDesk();
        var conversation = await OpenAsync(siteId, "Paula");

        var returned = await desk.Open(Visitor(conversation), conversation.RoomId, topic: null, page: "https://shop.example/boots");

        Assert.True(returned.Revision > conversation.Revision);
        var archived = Assert.Single((await Archive(siteId).List(Agent("ada"), Query(status: null))).Conversations).Conversation;
        Assert.Equal((returned.Revision, "https://shop.example/boots"), (archived.Revision, archived.Page));
    }

    [Fact]
    public async Task Labels_stay_with_a_conversation_into_the_archive_and_the_profile_shows_pages_and_past_conversations()
    {
        var (desk, siteId) = NewDesk();
        var ada = Agent("ada");
        var first = await OpenAsync(siteId, "Paula");
        var visitor = Visitor(first);
        await desk.Resolve(visitor, first.ConversationId);
        var second = await OpenAsync(siteId, "Paula", visitor);
        await desk.Open(visitor, second.RoomId, topic: null, page: "https://shop.example/boots");
        await desk.Open(visitor, second.RoomId, topic: null, page: "https://shop.example/cart");
        var records = Records(siteId);

        await records.AddLabel(ada, second.ConversationId, "vip");
        var labelled = await records.AddLabel(ada, second.ConversationId, "refund");
        await desk.Resolve(ada, second.ConversationId);
        var relabelled = await records.RemoveLabel(ada, second.ConversationId, "vip");
        await records.AddLabel(ada, first.ConversationId, "refund");
        var byVisitor = await Assert.ThrowsAsync<ChatException>(() => records.AddLabel(visitor, first.ConversationId, "spam"));

        Assert.Equal(["vip", "refund"], labelled.Labels!);
        Assert.Equal(["refund"], relabelled.Labels!);
        Assert.Equal(ChatError.Forbidden, byVisitor.Error);
        var refunds = await Archive(siteId).List(ada, Query(status: null) with { Label = "refund" });
        Assert.Equal([second.ConversationId, first.ConversationId], refunds.Conversations.Select(r => r.Conversation.ConversationId));
        Assert.Empty((await Archive(siteId).List(ada, Query(status: null) with { Label = "vip" })).Conversations);
        Assert.Single((await Archive(siteId).List(ada, Query(status: null) with { Text = "PAUL" })).Conversations.Take(1));

        var profile = await records.GetProfile(ada, second.ConversationId);
        Assert.Equal((visitor.UserId, "Paula", (string?)null), (profile.VisitorId, profile.VisitorName, profile.Email));
        Assert.Equal(["https://shop.example/boots", "https://shop.example/cart"], profile.Pages.Select(p => p.Page));
        Assert.Equal([first.ConversationId], profile.PastConversations.Select(r => r.Conversation.ConversationId));
    }

    private static SupportQuery Query(SupportStatus? status) => new(status, null, null, null, null, null, 50);

    private ISupportArchiveGrain Archive(string siteId) => fixture.Grains.GetGrain<ISupportArchiveGrain>(siteId);

    private ISupportRecordsGrain Records(string siteId) => fixture.Grains.GetGrain<ISupportRecordsGrain>(siteId);

    /// <summary>The ids of the conversations in the desk's stored state.</summary>
    private async Task<string[]> StoredDeskAsync(string siteId)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE grain_id LIKE '%/' || @site";
        command.Parameters.AddWithValue("@site", siteId);
        var payload = (string)(await command.ExecuteScalarAsync())!;
        return [.. new ChatStateSerializer().Deserialize<SupportDeskState>(BinaryData.FromString(payload)).Conversations.Keys];
    }

    private async Task StoreDeskAsync(string siteId, SupportDeskState desk)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = @payload WHERE grain_id LIKE '%/' || @site";
        command.Parameters.AddWithValue("@site", siteId);
        command.Parameters.AddWithValue("@payload", new ChatStateSerializer().Serialize(desk).ToString());
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read) where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await read() is { } value) return value;
            await Task.Delay(50);
        }
        return default;
    }

    private (ISupportDeskGrain Desk, string SiteId) NewDesk()
    {
        var siteId = $"site-{Guid.NewGuid():N}"[..16];
        return (fixture.Grains.GetGrain<ISupportDeskGrain>(siteId), siteId);
    }

    private async Task<SupportConversation> OpenAsync(string siteId, string visitorName, ChatUser? visitor = null)
    {
        visitor ??= new ChatUser($"v-{Guid.NewGuid():N}"[..20], visitorName, UserRole.Visitor);
        var roomId = $"support-{Guid.NewGuid():N}";
        await fixture.Grains.GetGrain<IRoomGrain>(roomId).EnsureSupport(visitor, siteId);
        return await fixture.Grains.GetGrain<ISupportDeskGrain>(siteId).Open(visitor, roomId, topic: "Shoes");
    }

    private static ChatUser Visitor(SupportConversation conversation) => new(conversation.VisitorId, conversation.VisitorName, UserRole.Visitor);

    private static ChatUser Agent(string name) => new($"{name}-{Guid.NewGuid():N}"[..16], name, UserRole.Agent);
}
