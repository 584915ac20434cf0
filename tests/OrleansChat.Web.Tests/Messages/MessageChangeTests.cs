using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>Edits, deletions, reactions and replies, over the hub and REST, live and caught up after a cursor.</summary>
public sealed class MessageChangeTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task An_edit_reaches_the_other_member_live_and_history_shows_the_new_text_with_editedAt()
    {
        await using var pair = await System.RoomPairAsync("Edits");
        var (room, _, bob, aliceLive, bobLive) = pair;
        var sent = await aliceLive.SendAsync(room.RoomId, "m1", "helo");

        var edited = await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, sent.Seq, "hello");

        var change = await ChatTestClient.NextAsync(bobLive.Changes);
        Assert.Equal((ChangeKind.Edited, sent.Seq, "hello", 1L), (change.Kind, change.Seq, change.Text, change.ChangeSeq));
        Assert.Equal(("hello", 1L), (edited.Text, edited.ChangeSeq));
        var page = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        var stored = Assert.Single(page.Messages);
        Assert.Equal(("hello", change.At), (stored.Text, stored.EditedAt));
    }

    [Fact]
    public async Task A_deleted_message_is_a_tombstone_in_history_and_quotes_of_it_lose_their_excerpt()
    {
        await using var pair = await System.RoomPairAsync("Deletes");
        var (room, alice, bob, aliceLive, bobLive) = pair;
        var first = await aliceLive.SendAsync(room.RoomId, "m1", "something regrettable");
        var reply = await bob.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "r1", text = "what?", replyTo = first.Seq });
        var answer = (await reply.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json))!;
        Assert.Equal(new MessageQuote(first.Seq, alice.UserId, "alice", "something regrettable"), answer.ReplyTo);

        var response = await alice.Http.DeleteAsync($"/api/rooms/{room.RoomId}/messages/{first.Seq}");

        response.EnsureSuccessStatusCode();
        var change = await ChatTestClient.NextAsync(bobLive.Changes);
        Assert.Equal((ChangeKind.Deleted, first.Seq), (change.Kind, change.Seq));
        var page = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        var tombstone = page.Messages.Single(m => m.Seq == first.Seq);
        Assert.Equal(("", (DateTimeOffset?)change.At), (tombstone.Text, tombstone.DeletedAt));
        Assert.Equal("", page.Messages.Single(m => m.Seq == answer.Seq).ReplyTo!.Excerpt);
        // Deleting again changes nothing and makes no change.
        (await alice.Http.DeleteAsync($"/api/rooms/{room.RoomId}/messages/{first.Seq}")).EnsureSuccessStatusCode();
        Assert.Equal(1, (await bob.GetAsync<ChangePage>($"/api/rooms/{room.RoomId}/changes?after=0")).LastChange);
    }

    [Fact]
    public async Task Reactions_count_per_emoji_say_whether_the_reader_gave_them_and_giving_twice_counts_once()
    {
        await using var pair = await System.RoomPairAsync("Reactions");
        var (room, alice, bob, aliceLive, bobLive) = pair;
        var sent = await aliceLive.SendAsync(room.RoomId, "m1", "lunch?");
        var path = $"/api/rooms/{room.RoomId}/messages/{sent.Seq}/reactions/{Uri.EscapeDataString("👍")}";

        (await bob.Http.PutAsync(path, null)).EnsureSuccessStatusCode();
        (await bob.Http.PutAsync(path, null)).EnsureSuccessStatusCode();
        var mine = await aliceLive.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, sent.Seq, "👍", true);

        Assert.Equal([new Reaction("👍", 2, Me: true)], mine.Reactions);
        var bobsView = Assert.Single((await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
        Assert.Equal([new Reaction("👍", 2, Me: true)], bobsView.Reactions);
        // Bob's second reaction changed nothing, so it made no change: two arrive, then nothing more.
        List<MessageChange> reactions = [await ChatTestClient.NextAsync(bobLive.Changes), await ChatTestClient.NextAsync(bobLive.Changes)];
        reactions.AddRange(await ChatTestClient.DrainAsync(bobLive.Changes, TimeSpan.FromMilliseconds(500)));
        Assert.Equal([(bob.UserId, 1), (alice.UserId, 2)], reactions.Select(c => (c.UserId, c.Count!.Value)));

        (await bob.Http.DeleteAsync(path)).EnsureSuccessStatusCode();
        var alicesView = Assert.Single((await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
        Assert.Equal([new Reaction("👍", 1, Me: true)], alicesView.Reactions);
        bobsView = Assert.Single((await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
        Assert.Equal([new Reaction("👍", 1, Me: false)], bobsView.Reactions);
    }

    [Fact]
    public async Task A_member_who_was_away_reads_every_change_after_their_cursor_in_order()
    {
        await using var pair = await System.RoomPairAsync("Away");
        var (room, _, bob, aliceLive, bobLive) = pair;
        var one = await aliceLive.SendAsync(room.RoomId, "m1", "one");
        var two = await aliceLive.SendAsync(room.RoomId, "m2", "two");
        await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, one.Seq, "one!");
        var cursor = (await ChatTestClient.NextAsync(bobLive.Changes)).ChangeSeq;
        await bobLive.Hub.StopAsync();

        await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, one.Seq, "one!!");
        await aliceLive.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, two.Seq, "🎉", true);
        await aliceLive.Hub.InvokeAsync<ChatMessage>("DeleteMessage", room.RoomId, two.Seq);

        var missed = await bob.GetAsync<ChangePage>($"/api/rooms/{room.RoomId}/changes?after={cursor}");
        Assert.Equal([(2L, ChangeKind.Edited), (3L, ChangeKind.Reaction), (4L, ChangeKind.Deleted)], missed.Changes.Select(c => (c.ChangeSeq, c.Kind)));
        Assert.Equal((false, 4L), (missed.HasMore, missed.LastChange));
        var bobAgain = await bob.ConnectAsync();
        var snapshot = await bobAgain.JoinRoomAsync(room.RoomId, afterSeq: two.Seq);
        Assert.Equal(4, snapshot.LastChange);
        var overHub = await bobAgain.Hub.InvokeAsync<ChangePage>("GetChanges", room.RoomId, cursor);
        Assert.Equal(missed.Changes, overHub.Changes);
        // The edit before a deletion keeps no text of the deleted message.
        var all = await bob.GetAsync<ChangePage>($"/api/rooms/{room.RoomId}/changes?after=0&limit=2");
        Assert.Equal((true, 2), (all.HasMore, all.Changes.Count));
    }

    [Fact]
    public async Task Refusals_change_nothing_and_say_why()
    {
        await using var pair = await System.RoomPairAsync("Refusals");
        var (room, alice, bob, aliceLive, bobLive) = pair;
        var sent = await aliceLive.SendAsync(room.RoomId, "m1", "mine");
        await using var outsider = await System.SignInAsync("mallory");
        var messagePath = $"/api/rooms/{room.RoomId}/messages/{sent.Seq}";

        Assert.StartsWith("forbidden:", HubErrors.Of(await Assert.ThrowsAsync<HubException>(() =>
            bobLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, sent.Seq, "yours now"))));
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Http.DeleteAsync(messagePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Http.PutAsJsonAsync(messagePath, new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Http.GetAsync($"/api/rooms/{room.RoomId}/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Http.PutAsJsonAsync($"/api/rooms/{room.RoomId}/messages/99", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.Http.PutAsJsonAsync(messagePath, new { text = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.Http.PutAsync($"{messagePath}/reactions/a%20b", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.Http.GetAsync($"/api/rooms/{room.RoomId}/changes?after=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "r", text = "re", replyTo = 42 })).StatusCode);

        (await alice.Http.DeleteAsync(messagePath)).EnsureSuccessStatusCode();
        Assert.StartsWith("conflict:", HubErrors.Of(await Assert.ThrowsAsync<HubException>(() =>
            bobLive.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, sent.Seq, "👍", true))));
        Assert.Equal(HttpStatusCode.Conflict, (await alice.Http.PutAsJsonAsync(messagePath, new { text = "back" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bob.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "r2", text = "re", replyTo = sent.Seq })).StatusCode);

        var changes = await alice.GetAsync<ChangePage>($"/api/rooms/{room.RoomId}/changes");
        Assert.Equal([ChangeKind.Deleted], changes.Changes.Select(c => c.Kind));
    }

    [Fact]
    public async Task The_rooms_owner_deletes_anyones_message()
    {
        await using var pair = await System.RoomPairAsync("Owned");
        var (room, alice, _, _, bobLive) = pair;
        var sent = await bobLive.SendAsync(room.RoomId, "b1", "spam");

        var tombstone = await alice.Http.DeleteAsync($"/api/rooms/{room.RoomId}/messages/{sent.Seq}");

        Assert.Equal(HttpStatusCode.OK, tombstone.StatusCode);
        var change = await ChatTestClient.NextAsync(bobLive.Changes);
        Assert.Equal((ChangeKind.Deleted, alice.UserId), (change.Kind, change.UserId));
    }
}
