using OrleansChat.Contracts;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Grains.Tests.Support;

/// <summary>
/// The support bot runs on the silo, driven by the room's stored message through the desk: with no web tier at all
/// (a message posted to the room grain, as if the web node that took it died right after the send), the visitor
/// gets the assistant's answer, or a human when the help pages do not cover the question. The site is <c>demo</c>,
/// whose knowledge base ships with the silo.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SupportBotTests(ChatClusterFixture fixture)
{
    private const string SiteId = "demo";

    [Fact]
    public async Task A_visitor_message_posted_to_the_room_alone_gets_the_bots_answer_in_the_room()
    {
        var (visitor, room) = await NewVisitorAsync();

        var sent = await room.Send(visitor, "c-1", "How long does shipping take and what does it cost?");

        var answer = await AnswerAsync(room, visitor, sent.Message.Seq);
        Assert.Equal((RoomGrain.AssistantId, MessageKind.Assistant), (answer.SenderId, answer.Kind));
        Assert.Contains("Shipping times and costs", answer.Text);
        var desk = fixture.Grains.GetGrain<ISupportDeskGrain>(SiteId);
        Assert.DoesNotContain(await desk.GetQueue(Agent()), c => c.ConversationId == room.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_question_the_help_pages_do_not_cover_is_handed_to_a_human_without_an_answer()
    {
        var (visitor, room) = await NewVisitorAsync();

        await room.Send(visitor, "c-1", "Do you sell kayak paddles?");

        var desk = fixture.Grains.GetGrain<ISupportDeskGrain>(SiteId);
        var handedOff = await EventuallyAsync(async () =>
            (await desk.GetQueue(Agent())).FirstOrDefault(c => c.ConversationId == room.GetPrimaryKeyString()));
        Assert.NotNull(handedOff);
        Assert.NotEqual(SupportStatus.Bot, handedOff.Status);
        var messages = await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 10));
        Assert.DoesNotContain(messages.Messages, m => m.Kind == MessageKind.Assistant);
    }

    [Fact]
    public async Task Telling_the_desk_again_of_an_answered_message_neither_answers_twice_nor_reopens_a_resolved_conversation()
    {
        var (visitor, room) = await NewVisitorAsync();
        var sent = await room.Send(visitor, "c-1", "Which payment methods do you accept?");
        await AnswerAsync(room, visitor, sent.Message.Seq);
        var desk = fixture.Grains.GetGrain<ISupportDeskGrain>(SiteId);
        var conversationId = room.GetPrimaryKeyString();

        // As the room does when a call seemed to fail but arrived.
        await desk.OnConversationMessage(conversationId, sent.Message);
        await desk.Resolve(visitor, conversationId);
        await desk.OnConversationMessage(conversationId, sent.Message);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var messages = await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 10));
        Assert.Single(messages.Messages, m => m.Kind == MessageKind.Assistant);
        Assert.Equal(SupportStatus.Resolved, (await desk.Open(visitor, conversationId, topic: null)).Status);
    }

    [Fact]
    public async Task A_visitor_writing_after_the_bot_resolved_reopens_the_conversation_with_the_bot_which_answers()
    {
        var (visitor, room) = await NewVisitorAsync();
        var desk = fixture.Grains.GetGrain<ISupportDeskGrain>(SiteId);
        await desk.Open(visitor, room.GetPrimaryKeyString(), topic: null);
        await desk.Resolve(visitor, room.GetPrimaryKeyString());

        var sent = await room.Send(visitor, "c-1", "Can I return a jacket I bought?");

        var answer = await AnswerAsync(room, visitor, sent.Message.Seq);
        Assert.Contains("Returns and refunds", answer.Text);
        Assert.Equal(SupportStatus.Bot, (await desk.Open(visitor, room.GetPrimaryKeyString(), topic: null)).Status);
    }

    [Fact]
    public async Task A_visitor_gets_no_more_bot_answers_a_minute_than_their_ai_allowance()
    {
        // A cluster of its own: the allowance is the silo's setting.
        var limited = ChatClusterFixture.With(new Dictionary<string, string> { ["Chat:Ai:RequestsPerMinute"] = "1" });
        await limited.InitializeAsync();
        try
        {
            var (visitor, room) = await NewVisitorAsync(limited.Grains);
            var first = await room.Send(visitor, "c-1", "How long does shipping take?");
            await AnswerAsync(room, visitor, first.Message.Seq);

            await room.Send(visitor, "c-2", "Which payment methods do you accept?");
            await Task.Delay(TimeSpan.FromSeconds(2));

            var messages = await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 10));
            Assert.Single(messages.Messages, m => m.Kind == MessageKind.Assistant);
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    private Task<(ChatUser Visitor, IRoomGrain Room)> NewVisitorAsync() => NewVisitorAsync(fixture.Grains);

    /// <summary>A widget visitor of the demo site and their support room, which no web node has seen.</summary>
    private static async Task<(ChatUser Visitor, IRoomGrain Room)> NewVisitorAsync(IGrainFactory grains)
    {
        var id = Guid.NewGuid().ToString("N");
        var visitor = new ChatUser($"{ChatUser.VisitorIdPrefix}{SiteId}:{id}", "Visitor", UserRole.Visitor, SiteId);
        var room = grains.GetGrain<IRoomGrain>($"support:{SiteId}:{id}");
        await room.EnsureSupport(visitor, SiteId);
        return (visitor, room);
    }

    /// <summary>The first message after the visitor's that is not theirs: the bot's answer.</summary>
    private static async Task<ChatMessage> AnswerAsync(IRoomGrain room, ChatUser visitor, long visitorSeq)
    {
        var answer = await EventuallyAsync(async () =>
            (await room.GetMessages(visitor.UserId, new HistoryQuery(null, visitorSeq, 10))).Messages.FirstOrDefault(m => m.SenderId != visitor.UserId));
        return answer ?? throw new TimeoutException("The bot did not answer.");
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read) where T : class
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await read() is { } value) return value;
            await Task.Delay(50);
        }
        return null;
    }

    private static ChatUser Agent() => new($"agent-{Guid.NewGuid():N}"[..16], "Agent", UserRole.Agent, SiteId);
}
