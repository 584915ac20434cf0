using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests.Support;

/// <summary>
/// Private notes never reach a visitor: they travel the desk's channel only (a visitor's room refuses them), they
/// are never messages of the room, and only the site's agents read or write them.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SupportNotesTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task A_note_goes_to_the_desks_channel_and_never_to_the_visitors_room_or_its_history()
    {
        var (siteId, visitor, room) = await ConversationAsync();
        var atRoom = new RecordingObserver();
        await room.Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(atRoom), afterSeq: null, afterChange: null);
        var atDesk = new RecordingObserver();
        await fixture.Grains.GetGrain<IRoomGrain>(SupportChannel.Of(siteId))
            .Subscribe(fixture.Grains.CreateObjectReference<IRoomObserver>(atDesk), afterSeq: null, afterChange: null);
        var notes = fixture.Grains.GetGrain<ISupportNotesGrain>(siteId);
        var ada = Agent("ada", siteId);

        var note = await notes.Add(ada, room.GetPrimaryKeyString(), "Gold customer");

        Assert.Equal([note], await atDesk.NotesAsync());
        Assert.Empty(await atRoom.NotesAsync());
        Assert.Equal([note], await notes.List(ada, room.GetPrimaryKeyString()));
        Assert.Empty((await room.GetMessages(visitor.UserId, new HistoryQuery(null, null, 50))).Messages);
        // Whoever asks, a visitor's room pushes no note.
        var refused = await Assert.ThrowsAsync<ChatException>(() => room.PublishSupportNote(note));
        Assert.Equal(ChatError.Invalid, refused.Error);
        Assert.Empty(await atRoom.NotesAsync());
    }

    [Fact]
    public async Task Only_the_sites_agents_read_and_write_notes_and_other_sites_do_not_find_the_conversation()
    {
        var (siteId, visitor, room) = await ConversationAsync();
        var conversationId = room.GetPrimaryKeyString();
        var notes = fixture.Grains.GetGrain<ISupportNotesGrain>(siteId);
        await notes.Add(Agent("ada", siteId), conversationId, "for agents only");
        var strangerSite = $"site-{Guid.NewGuid():N}"[..16];

        foreach (var caller in new[] { visitor, Member("mia"), Agent("mallory", strangerSite) })
        {
            Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => notes.List(caller, conversationId))).Error);
            Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => notes.Add(caller, conversationId, "sneaky"))).Error);
        }
        var theirs = fixture.Grains.GetGrain<ISupportNotesGrain>(strangerSite);
        var mallory = Agent("mallory", strangerSite);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => theirs.List(mallory, conversationId))).Error);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => theirs.Add(mallory, conversationId, "sneaky"))).Error);
        Assert.Equal(["for agents only"], (await notes.List(Agent("bob", siteId), conversationId)).Select(n => n.Text));
    }

    private async Task<(string SiteId, ChatUser Visitor, IRoomGrain Room)> ConversationAsync()
    {
        var siteId = $"site-{Guid.NewGuid():N}"[..16];
        var visitor = new ChatUser($"{ChatUser.VisitorIdPrefix}{Guid.NewGuid():N}", "Visitor", UserRole.Visitor, siteId);
        var room = fixture.Grains.GetGrain<IRoomGrain>($"support:{Guid.NewGuid():N}");
        await room.EnsureSupport(visitor, siteId);
        return (siteId, visitor, room);
    }

    private static ChatUser Agent(string name, string siteId) => new($"{name}-{Guid.NewGuid():N}"[..16], name, UserRole.Agent, siteId);

    private static ChatUser Member(string name) => ChatClusterFixture.User(name);
}
