using System.Net;
using System.Net.Http.Json;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Rooms;

/// <summary>Retention: an admin archives a room's older messages; its history then begins after them.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task After_an_admin_archives_old_messages_history_and_rejoins_begin_after_them_and_numbering_carries_on()
    {
        await using var pair = await _system.RoomPairAsync("Retained");
        var (room, _, bob, aliceLive, _) = pair;
        for (var i = 1; i <= 5; i++) await aliceLive.SendAsync(room.RoomId, $"m{i}", $"message {i}");
        await using var admin = await ChatTestClient.SignInAsync(_system.Web, $"admin-{Guid.NewGuid():N}"[..20], role: "admin");

        var response = await admin.PostAsync($"/api/rooms/{room.RoomId}/archive", new { beforeSeq = 4 });

        response.EnsureSuccessStatusCode();
        Assert.Equal(new ArchiveResult(room.RoomId, 4, 3), await response.Content.ReadFromJsonAsync<ArchiveResult>(ChatTestClient.Json));
        var latest = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?after=0");
        Assert.Equal(("4 5", 4L, false), (Seqs(latest.Messages), latest.FirstSeq, latest.HasMore));
        var older = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?before=5");
        Assert.Equal(("4", false), (Seqs(older.Messages), older.HasMore));
        // A member away since seq 1 comes back: what was archived is not missing, the rest is there.
        var bobAgain = await bob.ConnectAsync();
        var snapshot = await bobAgain.JoinRoomAsync(room.RoomId, afterSeq: 1);
        Assert.Equal(("4 5", 4L), (Seqs(snapshot.Messages), snapshot.FirstSeq));
        Assert.Equal(6, (await aliceLive.SendAsync(room.RoomId, "m6", "message 6")).Seq);
        Assert.Equal(0, (await (await admin.PostAsync($"/api/rooms/{room.RoomId}/archive", new { beforeSeq = 3 }))
            .Content.ReadFromJsonAsync<ArchiveResult>(ChatTestClient.Json))!.Archived);
    }

    [Fact]
    public async Task Only_admins_archive_and_bad_input_is_refused_changing_nothing()
    {
        await using var pair = await _system.RoomPairAsync("Kept");
        var (room, alice, bob, aliceLive, _) = pair;
        for (var i = 1; i <= 3; i++) await aliceLive.SendAsync(room.RoomId, $"m{i}", $"message {i}");
        await using var admin = await ChatTestClient.SignInAsync(_system.Web, $"admin-{Guid.NewGuid():N}"[..20], role: "admin");
        var path = $"/api/rooms/{room.RoomId}/archive";

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsync(path, new { beforeSeq = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync(path, new { beforeSeq = 2 })).StatusCode);
        foreach (object body in new object[] { new { beforeSeq = 0 }, new { beforeSeq = 4 }, new { beforeSeq = "two" }, new { } })
        {
            var refused = await admin.PostAsync(path, body);
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/rooms/no-such-room/archive", new { beforeSeq = 1 })).StatusCode);

        var page = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?after=0");
        Assert.Equal(("1 2 3", 1L), (Seqs(page.Messages), page.FirstSeq));
    }

    private static string Seqs(IEnumerable<ChatMessage> messages) => string.Join(" ", messages.Select(m => m.Seq));
}
