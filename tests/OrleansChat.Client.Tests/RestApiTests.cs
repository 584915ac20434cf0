using System.Net;
using System.Text;
using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>The typed REST calls against a real web node: what they send is what the server takes, what they read is what it says.</summary>
public sealed class RestApiTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example";
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Sites:shop:Secret"] = "test-site-secret",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Rooms_history_changes_read_cursors_presence_search_and_files_round_trip()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        await using var bob = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "bob");
        var api = alice.Api;

        var room = await api.CreateRoomAsync("Typed", roomId: $"typed-{Guid.NewGuid():N}"[..20], visibility: "public");
        await bob.Api.JoinRoomAsync(room.RoomId);
        var direct = await api.OpenDirectRoomAsync(bob.UserId);
        var first = await api.SendMessageAsync(room.RoomId, "c-1", "Hello, world");
        var reply = await api.SendMessageAsync(room.RoomId, "c-2", "An answer", replyTo: first.Message.Seq);
        var upload = await api.UploadFileAsync(room.RoomId, new MemoryStream(Encoding.UTF8.GetBytes("Order 1234: declined\n")), "error.txt", clientFileId: "f-1");
        var withFile = await api.SendMessageAsync(room.RoomId, "c-3", "The error", fileIds: [upload.FileId]);
        var edited = await api.EditMessageAsync(room.RoomId, first.Message.Seq, "Hello, everyone");
        var reacted = await bob.Api.SetReactionAsync(room.RoomId, reply.Message.Seq, "👍", reacted: true);
        var deleted = await api.DeleteMessageAsync(room.RoomId, withFile.Message.Seq);
        await bob.Api.MarkReadAsync(room.RoomId, reply.Message.Seq);

        Assert.Equal(("group", "public"), (room.Kind, room.Visibility));
        Assert.Equal("direct", direct.Kind);
        Assert.Equal(1, reply.Message.ReplyTo?.Seq);
        Assert.Equal(("error.txt", "text/plain"), (upload.FileName, upload.ContentType));
        Assert.Equal(upload.FileId, Assert.Single(withFile.Message.Attachments!).FileId);
        Assert.Equal(("Hello, everyone", 1L), (edited.Text, edited.ChangeSeq));
        Assert.Equal(new Reaction("👍", 1, Me: true), Assert.Single(reacted.Reactions!));
        Assert.NotNull(deleted.DeletedAt);

        var latest = await api.GetMessagesAsync(room.RoomId);
        var after = await api.GetMessagesAsync(room.RoomId, after: 1);
        var before = await api.GetMessagesAsync(room.RoomId, before: 3, limit: 1);
        Assert.Equal([1L, 2, 3], latest.Messages.Select(m => m.Seq));
        Assert.Equal([2L, 3], after.Messages.Select(m => m.Seq));
        Assert.Equal([2L], before.Messages.Select(m => m.Seq));

        var changes = await api.GetChangesAsync(room.RoomId, after: 0);
        Assert.Equal(["edited", "reaction", "deleted"], changes.Changes.Select(c => c.Kind));
        Assert.Equal(3, changes.LastChange);
        Assert.Equal(["deleted"], (await api.GetChangesAsync(room.RoomId, after: 2)).Changes.Select(c => c.Kind));

        var described = await api.GetRoomAsync(room.RoomId);
        Assert.Equal(2, described.Members!.Single(m => m.UserId == bob.UserId).ReadSeq);
        Assert.Contains(await bob.Api.ListRoomsAsync(), r => r.RoomId == room.RoomId);
        Assert.Equal("online", (await api.GetPresenceAsync(bob.UserId)).Status);
        var hits = await api.SearchAsync("everyone", roomId: room.RoomId);
        Assert.Equal([1L], hits.Hits.Select(h => h.Seq));

        var second = await api.UploadFileAsync(room.RoomId, new MemoryStream(Encoding.UTF8.GetBytes("kept\n")), "kept.txt");
        await api.SendMessageAsync(room.RoomId, "c-4", "", fileIds: [second.FileId]);
        var downloaded = await bob.Api.DownloadFileAsync(room.RoomId, second.FileId);
        Assert.Equal("kept\n", Encoding.UTF8.GetString(downloaded.Content));
        Assert.StartsWith($"/api/rooms/{room.RoomId}/files/{second.FileId}", (await bob.Api.GetFileLinkAsync(room.RoomId, second.FileId)).Url);

        await bob.Api.RemoveMemberAsync(room.RoomId, bob.UserId);
        Assert.DoesNotContain(await bob.Api.ListRoomsAsync(), r => r.RoomId == room.RoomId);
    }

    [Fact]
    public async Task A_visitor_opens_a_conversation_hands_it_off_and_an_agent_takes_and_resolves_it()
    {
        var session = await _system.OpenVisitorSessionAsync("shop", ShopOrigin);
        var visitorToken = session.GetProperty("accessToken").GetString()!;
        using var visitor = new ChatApi(new ChatClientOptions { BaseAddress = _system.Web.BaseAddress, AccessToken = _ => ValueTask.FromResult(visitorToken) });
        var agentTokens = await TokenRenewal.DevLoginAsync(_system.Web.BaseAddress, "agent-ada", "Ada", role: "agent", siteId: "shop");
        using var agent = new ChatApi(new ChatClientOptions { BaseAddress = _system.Web.BaseAddress, AccessToken = agentTokens.NextAsync });

        var opened = await visitor.OpenSupportConversationAsync("shop", topic: "Returns");
        var waiting = await visitor.HandOffAsync(opened.ConversationId);
        var queue = await agent.GetSupportQueueAsync("shop");
        var assigned = await agent.AssignAsync(opened.ConversationId);
        var resolved = await agent.ResolveAsync(opened.ConversationId);

        Assert.StartsWith("support:shop:", opened.RoomId);
        Assert.Equal("waiting", waiting.Status);
        Assert.Contains(queue, c => c.ConversationId == opened.ConversationId);
        Assert.Equal(("assigned", "agent-ada"), (assigned.Status, assigned.AgentId));
        Assert.Equal("resolved", resolved.Status);
        Assert.True(resolved.Revision > assigned.Revision);
    }

    [Fact]
    public async Task Refusals_carry_their_status_and_word_over_rest_and_the_hub()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        await using var bob = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "bob");
        var bobs = await bob.Api.CreateRoomAsync("Private");

        var missing = await Assert.ThrowsAsync<ChatRequestException>(() => alice.Api.GetRoomAsync("no-such-room"));
        var invalid = await Assert.ThrowsAsync<ChatRequestException>(() => alice.Api.GetMessagesAsync(bobs.RoomId, limit: 500));
        var forbidden = await Assert.ThrowsAsync<ChatRequestException>(() => alice.Connection.JoinRoomAsync(bobs.RoomId));
        var notHers = await Assert.ThrowsAsync<ChatRequestException>(() => alice.Connection.EditMessageAsync(bobs.RoomId, 1, "x"));

        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (missing.Status, missing.Word));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (invalid.Status, invalid.Word));
        Assert.Contains("limit", invalid.Errors.Keys);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.Status, forbidden.Word));
        Assert.Equal(HttpStatusCode.Forbidden, notHers.Status);
        Assert.Empty(alice.Connection.Rooms);
        Assert.Empty((await bob.Api.GetMessagesAsync(bobs.RoomId)).Messages);
    }
}
