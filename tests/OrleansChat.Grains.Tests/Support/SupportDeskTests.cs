using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests.Support;

[Collection(ChatClusterCollection.Name)]
public sealed class SupportDeskTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_conversation_goes_from_bot_to_waiting_to_assigned_to_resolved_and_the_visitors_next_message_reopens_it()
    {
        var (desk, siteId) = NewDesk();
        var conversation = await OpenAsync(desk, siteId, "visitor");
        Assert.Equal(SupportStatus.Bot, conversation.Status);

        var waiting = await desk.HandOff(Visitor(conversation), conversation.ConversationId);
        Assert.Equal((SupportStatus.Waiting, (string?)null), (waiting.Status, waiting.AgentId));

        var agent = Agent("ada");
        await OnlineAsync(desk, agent);
        var assigned = (await desk.GetQueue(agent)).Single(c => c.ConversationId == conversation.ConversationId);
        Assert.Equal((SupportStatus.Assigned, agent.UserId), (assigned.Status, assigned.AgentId));
        var room = await fixture.Grains.GetGrain<IRoomGrain>(conversation.RoomId).Describe(agent.UserId);
        Assert.Contains(room.Members!, m => m.UserId == agent.UserId);

        var resolved = await desk.Resolve(agent, conversation.ConversationId);
        Assert.Equal(SupportStatus.Resolved, resolved.Status);
        Assert.DoesNotContain(await desk.GetQueue(agent), c => c.ConversationId == conversation.ConversationId);
        // Resolved, the room is no longer the agent's: their presence stops reaching it.
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IUserGrain>(agent.UserId).ListRooms(), r => r.RoomId == conversation.RoomId);

        await fixture.Grains.GetGrain<IRoomGrain>(conversation.RoomId).Send(Visitor(conversation), "again", "One more question");
        var reopened = await EventuallyAsync(async () => (await desk.GetQueue(agent)).SingleOrDefault(c => c.ConversationId == conversation.ConversationId));
        Assert.Equal((SupportStatus.Assigned, agent.UserId), (reopened!.Status, reopened.AgentId));
        Assert.Contains(await fixture.Grains.GetGrain<IUserGrain>(agent.UserId).ListRooms(), r => r.RoomId == conversation.RoomId);
    }

    [Fact]
    public async Task Waiting_conversations_go_to_the_least_loaded_agent_oldest_first_within_the_cap()
    {
        var (desk, siteId) = NewDesk();
        var (ada, bob) = (Agent("ada"), Agent("bob"));
        await OnlineAsync(desk, ada);
        await OnlineAsync(desk, bob);

        var conversations = new List<SupportConversation>();
        for (var i = 0; i < 7; i++)
        {
            var opened = await OpenAsync(desk, siteId, $"visitor{i}");
            conversations.Add(await desk.HandOff(Visitor(opened), opened.ConversationId));
        }

        var queue = await desk.GetQueue(ada);
        var loads = queue.Where(c => c.Status == SupportStatus.Assigned).GroupBy(c => c.AgentId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, loads[ada.UserId]);
        Assert.Equal(3, loads[bob.UserId]);
        var stillWaiting = Assert.Single(queue, c => c.Status == SupportStatus.Waiting);
        Assert.Equal(conversations[^1].ConversationId, stillWaiting.ConversationId);

        var adas = queue.First(c => c.AgentId == ada.UserId);
        await desk.Resolve(ada, adas.ConversationId);
        var after = (await desk.GetQueue(ada)).Single(c => c.ConversationId == stillWaiting.ConversationId);
        Assert.Equal((SupportStatus.Assigned, ada.UserId), (after.Status, after.AgentId));
    }

    [Fact]
    public async Task An_agent_can_take_a_conversation_and_transfer_it_to_another_agent()
    {
        var (desk, siteId) = NewDesk();
        var (ada, bob) = (Agent("ada"), Agent("bob"));
        await desk.GetQueue(bob);
        var conversation = await OpenAsync(desk, siteId, "visitor");

        var taken = await desk.Assign(ada, conversation.ConversationId, agentId: null);
        var transferred = await desk.Assign(ada, conversation.ConversationId, bob.UserId);

        Assert.Equal(ada.UserId, taken.AgentId);
        Assert.Equal((SupportStatus.Assigned, bob.UserId), (transferred.Status, transferred.AgentId));
        var room = await fixture.Grains.GetGrain<IRoomGrain>(conversation.RoomId).Describe(bob.UserId);
        Assert.Contains(room.Members!, m => m.UserId == bob.UserId);
        Assert.DoesNotContain(room.Members!, m => m.UserId == ada.UserId);
        var unknown = await Assert.ThrowsAsync<ChatException>(() => desk.Assign(ada, conversation.ConversationId, "nobody"));
        Assert.Equal(ChatError.NotFound, unknown.Error);
    }

    [Fact]
    public async Task An_agent_who_steps_into_a_waiting_visitors_room_has_taken_the_conversation()
    {
        var (desk, siteId) = NewDesk();
        var conversation = await OpenAsync(desk, siteId, "visitor");
        await desk.HandOff(Visitor(conversation), conversation.ConversationId);
        var ada = Agent("ada");

        await fixture.Grains.GetGrain<IRoomGrain>(conversation.RoomId).Join(ada, afterSeq: null);

        var taken = await EventuallyAsync(async () => (await desk.GetQueue(ada)).FirstOrDefault(c => c.Status == SupportStatus.Assigned));
        Assert.Equal((conversation.ConversationId, ada.UserId), (taken!.ConversationId, taken.AgentId));
    }

    [Fact]
    public async Task An_agent_working_the_desk_is_taken_off_when_their_presence_lapses_and_put_back_when_they_return()
    {
        var (desk, _) = NewDesk();
        var ada = Agent("ada");
        var user = fixture.Grains.GetGrain<IUserGrain>(ada.UserId);
        await user.Connect(ada, "node-1", "connection-1", version: 1);
        await user.WorkDesk(desk.GetPrimaryKeyString());
        await desk.RefreshAgent(ada);
        Assert.True((await desk.GetAgents(ada)).Single().Available);

        // The web node goes away without a word; its lease on the connection ends the same way as a disconnect.
        await user.Disconnect("node-1", "connection-1", version: 2);
        Assert.NotNull(await EventuallyAsync(async () => (await desk.GetAgents(ada)).SingleOrDefault(a => !a.Available)));

        await user.Connect(ada, "node-2", "connection-2", version: 1);
        Assert.NotNull(await EventuallyAsync(async () => (await desk.GetAgents(ada)).SingleOrDefault(a => a.Available)));
    }

    [Fact]
    public async Task Waiting_conversations_hold_places_in_line_that_move_up_as_agents_take_them()
    {
        var (desk, siteId) = NewDesk();
        var ada = Agent("ada");
        var first = await OpenAsync(desk, siteId, "first");
        var second = await OpenAsync(desk, siteId, "second");
        var firstWaiting = await desk.HandOff(Visitor(first), first.ConversationId);
        var secondWaiting = await desk.HandOff(Visitor(second), second.ConversationId);
        Assert.Equal((1, 2), (firstWaiting.Position, secondWaiting.Position));

        var taken = await desk.Assign(ada, first.ConversationId, agentId: null);

        var moved = (await desk.GetQueue(ada)).Single(c => c.ConversationId == second.ConversationId);
        Assert.Equal(((int?)null, 1), (taken.Position, moved.Position));
        Assert.True(moved.Revision > secondWaiting.Revision, "a moved place is a newer revision");
        Assert.True(taken.Revision > firstWaiting.Revision);
        var agents = await desk.GetAgents(ada);
        Assert.Equal([new SupportAgent(ada.UserId, "ada", Available: false, Conversations: 1)], agents);
    }

    [Fact]
    public async Task A_visitor_writing_after_resolution_reopens_the_conversation_for_the_humans_once_however_often_the_desk_hears_of_it()
    {
        var (desk, siteId) = NewDesk();
        var helped = await OpenAsync(desk, siteId, "helped");
        await desk.Assign(Agent("ada"), helped.ConversationId, agentId: null);
        await desk.Resolve(Visitor(helped), helped.ConversationId);

        var sent = await fixture.Grains.GetGrain<IRoomGrain>(helped.RoomId).Send(Visitor(helped), "again", "One more question");

        var back = await EventuallyAsync(async () => (await desk.GetQueue(Agent("bob"))).SingleOrDefault(c => c.ConversationId == helped.ConversationId));
        Assert.Equal(SupportStatus.Waiting, back!.Status);
        // The same message told again (the room's retry of a call that seemed to fail) changes nothing more.
        await desk.Resolve(Visitor(helped), helped.ConversationId);
        await desk.OnConversationMessage(helped.ConversationId, sent.Message);
        Assert.DoesNotContain(await desk.GetQueue(Agent("bob")), c => c.ConversationId == helped.ConversationId);
    }

    [Fact]
    public async Task A_visitors_latest_page_and_topic_update_their_conversation_without_changing_its_status()
    {
        var (desk, siteId) = NewDesk();
        var opened = await OpenAsync(desk, siteId, "visitor");

        var updated = await desk.Open(Visitor(opened), opened.RoomId, topic: null, page: "https://shop.example/boots");

        Assert.Equal(opened with { Page = "https://shop.example/boots", Revision = updated.Revision }, updated);
        Assert.True(updated.Revision > opened.Revision);
    }

    [Fact]
    public async Task Visitors_cannot_assign_and_strangers_cannot_resolve()
    {
        var (desk, siteId) = NewDesk();
        var conversation = await OpenAsync(desk, siteId, "visitor");
        var stranger = new ChatUser("stranger", "Stranger", UserRole.Visitor);

        var assign = await Assert.ThrowsAsync<ChatException>(() => desk.Assign(Visitor(conversation), conversation.ConversationId, null));
        var resolve = await Assert.ThrowsAsync<ChatException>(() => desk.Resolve(stranger, conversation.ConversationId));
        var missing = await Assert.ThrowsAsync<ChatException>(() => desk.HandOff(Visitor(conversation), "no-such-conversation"));

        Assert.Equal((ChatError.Forbidden, ChatError.Forbidden, ChatError.NotFound), (assign.Error, resolve.Error, missing.Error));
        Assert.Equal(SupportStatus.Bot, (await desk.Open(Visitor(conversation), conversation.RoomId, null)).Status);
    }

    /// <summary>Waits for a one-way notification's effect.</summary>
    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read) where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await read() is { } value) return value;
            await Task.Delay(50);
        }
        return null;
    }

    /// <summary>The agent connects (through a web node, as far as their user grain knows) and the desk hears of it.</summary>
    private async Task OnlineAsync(ISupportDeskGrain desk, ChatUser agent)
    {
        await fixture.Grains.GetGrain<IUserGrain>(agent.UserId).Connect(agent, "node-1", $"connection-{agent.UserId}", version: 1);
        await desk.RefreshAgent(agent);
    }

    private (ISupportDeskGrain Desk, string SiteId) NewDesk()
    {
        var siteId = $"site-{Guid.NewGuid():N}"[..16];
        return (fixture.Grains.GetGrain<ISupportDeskGrain>(siteId), siteId);
    }

    private async Task<SupportConversation> OpenAsync(ISupportDeskGrain desk, string siteId, string visitorName)
    {
        var visitor = new ChatUser($"v-{Guid.NewGuid():N}"[..20], visitorName, UserRole.Visitor);
        var roomId = $"support-{Guid.NewGuid():N}";
        await fixture.Grains.GetGrain<IRoomGrain>(roomId).EnsureSupport(visitor, siteId);
        return await desk.Open(visitor, roomId, topic: "Shoes");
    }

    private static ChatUser Visitor(SupportConversation conversation) => new(conversation.VisitorId, conversation.VisitorName, UserRole.Visitor);

    private static ChatUser Agent(string name) => new($"{name}-{Guid.NewGuid():N}"[..16], name, UserRole.Agent);
}
