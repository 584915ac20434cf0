using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// Private notes as an authorization boundary: the site's agents write and read them, live and over REST; the
/// visitor, another site's agent and a plain member never get one, by any event, history, search or the notes
/// endpoints.
/// </summary>
public sealed class SupportNotesApiTests(SupportSiteFixture site) : IClassFixture<SupportSiteFixture>
{
    private const string NoteText = "Gold plan customer, refund approved: code zebra-4471";
    private const string NoteWord = "zebra";

    [Fact]
    public async Task A_note_reaches_the_sites_agents_and_never_the_visitor_another_sites_agent_or_a_member()
    {
        var (visitor, id) = await site.VisitorWithConversationAsync();
        await using var _ = visitor;
        var visitorLive = await visitor.ConnectAsync();
        var atVisitor = new AllEvents(visitorLive.Hub);
        await visitorLive.JoinRoomAsync(id);
        await visitorLive.SendAsync(id, "v-1", "Where is my refund?");
        await using var ada = await site.AgentAsync("ada");
        await using var bob = await site.AgentAsync("bob");
        var notesAtBob = NotesOf(await bob.ConnectAsync());
        await using var stranger = await site.AgentAsync("mallory", siteId: "elsewhere");
        var atStranger = new AllEvents((await stranger.ConnectAsync()).Hub);
        await using var member = await site.MemberAsync("mia");
        (await ada.PostAsync($"/api/support/conversations/{id}/assign", new { })).EnsureSuccessStatusCode();

        var added = await ada.PostAsync($"/api/support/conversations/{id}/notes", new { text = $"  {NoteText}  " });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var note = (await added.Content.ReadFromJsonAsync<SupportNote>(Json))!;
        Assert.Equal((id, NoteText, ada.UserId, "ada"), (note.ConversationId, note.Text, note.AuthorId, note.AuthorName));
        // Live to the site's agents, the one not in the conversation too.
        Assert.Equal(note, await NextAsync(notesAtBob));
        var answer = await ada.PostAsync($"/api/rooms/{id}/messages", new { clientMessageId = "a-1", text = "Your refund walrus is on its way." });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        await NextAsync(visitorLive.Messages, m => m.ClientMessageId == "a-1");
        await DrainAsync(visitorLive.Messages, TimeSpan.FromSeconds(1));

        Assert.DoesNotContain(atVisitor.Received, e => e.Contains(NoteWord, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(atVisitor.Received, e => e.Contains("walrus", StringComparison.Ordinal));
        Assert.DoesNotContain(atStranger.Received, e => e.Contains(NoteWord, StringComparison.OrdinalIgnoreCase));
        Assert.Equal([note], await ada.GetAsync<SupportNote[]>($"/api/support/conversations/{id}/notes"));
        Assert.Equal([note], await bob.GetAsync<SupportNote[]>($"/api/support/conversations/{id}/notes"));

        var history = await visitor.Http.GetStringAsync($"/api/rooms/{id}/messages");
        Assert.Contains("walrus", history);
        Assert.DoesNotContain(NoteWord, history);
        // Search finds the answer, never the note: notes are not messages, for agents neither.
        Assert.Contains("walrus", await visitor.Http.GetStringAsync("/api/search?q=walrus"));
        foreach (var searcher in new[] { visitor, ada, stranger, member })
        {
            var found = await searcher.Http.GetAsync($"/api/search?q={NoteWord}");
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            Assert.DoesNotContain(NoteWord, await found.Content.ReadAsStringAsync());
        }
        foreach (var (caller, refusal) in new[] { (visitor, HttpStatusCode.Forbidden), (member, HttpStatusCode.Forbidden), (stranger, HttpStatusCode.NotFound) })
        {
            var read = await caller.Http.GetAsync($"/api/support/conversations/{id}/notes");
            Assert.Equal(refusal, read.StatusCode);
            Assert.DoesNotContain(NoteWord, await read.Content.ReadAsStringAsync());
            Assert.Equal(refusal, (await caller.PostAsync($"/api/support/conversations/{id}/notes", new { text = "sneaky" })).StatusCode);
        }
        Assert.Equal([note], await ada.GetAsync<SupportNote[]>($"/api/support/conversations/{id}/notes"));
    }

    [Fact]
    public async Task Notes_list_oldest_first_and_bad_text_or_a_room_that_is_no_conversation_of_the_site_is_refused()
    {
        var (visitor, id) = await site.VisitorWithConversationAsync();
        await using var _ = visitor;
        await using var ada = await site.AgentAsync("ada");
        await using var member = await site.MemberAsync("mia");
        var group = await member.CreateRoomAsync("Team", "public");
        foreach (var text in new[] { "first", "second", "third" })
        {
            Assert.Equal(HttpStatusCode.Created, (await ada.PostAsync($"/api/support/conversations/{id}/notes", new { text })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await ada.PostAsync($"/api/support/conversations/{id}/notes", new { text = "   " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ada.PostAsync($"/api/support/conversations/{id}/notes", new { text = new string('n', 4001) })).StatusCode);
        foreach (var other in new[] { "support:shop:nobody", group.RoomId, "desk:shop" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ada.PostAsync($"/api/support/conversations/{other}/notes", new { text = "lost?" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await ada.Http.GetAsync($"/api/support/conversations/{other}/notes")).StatusCode);
        }
        Assert.Equal(["first", "second", "third"], (await ada.GetAsync<SupportNote[]>($"/api/support/conversations/{id}/notes")).Select(n => n.Text));
    }

    [Fact]
    public async Task A_note_written_through_one_web_node_reaches_the_sites_agents_connected_to_another()
    {
        var (visitor, id) = await site.VisitorWithConversationAsync();
        await using var _ = visitor;
        var otherNode = site.System.AddWebNode();
        await using var ada = await site.AgentAsync("ada");
        await using var cleo = await site.AgentAsync("cleo");
        var notesAtCleo = NotesOf(await cleo.ConnectAsync(otherNode));

        var added = await ada.PostAsync($"/api/support/conversations/{id}/notes", new { text = "Across nodes" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(await added.Content.ReadFromJsonAsync<SupportNote>(Json), await NextAsync(notesAtCleo));
    }

    private static Channel<SupportNote> NotesOf(LiveConnection live)
    {
        var notes = Channel.CreateUnbounded<SupportNote>();
        live.Hub.On<SupportNote>("SupportNoteAdded", note => notes.Writer.TryWrite(note));
        return notes;
    }
}
