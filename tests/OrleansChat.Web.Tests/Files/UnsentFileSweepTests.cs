using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Files;

/// <summary>Uploads that no message carries go after their lifetime, bytes and all; sent files stay.</summary>
public sealed class UnsentFileSweepTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Files:UnsentLifetime"] = "00:00:01",
        ["Chat:Files:SweepInterval"] = "00:00:00.500",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task An_upload_never_sent_is_removed_and_can_no_longer_be_sent_while_a_sent_one_stays()
    {
        await using var pair = await _system.RoomPairAsync("Sweep");
        var (room, alice, _, aliceLive, _) = pair;
        var kept = await alice.UploadOkAsync(room.RoomId, TestFiles.Png(20, 20), "kept.png");
        await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "kept", "", new[] { kept.FileId });
        var forgotten = await alice.UploadOkAsync(room.RoomId, TestFiles.Png(20, 20), "forgotten.png");

        // The sweep forgets the upload in the catalog first and then deletes its bytes: both are awaited.
        string[] keptFiles = [kept.FileId, kept.FileId + "-thumbnail"];
        string[] Stored() => [.. Directory.GetFiles(_system.FilesDirectory, "*", SearchOption.AllDirectories).Select(path => Path.GetFileName(path)!).Order()];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await alice.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{forgotten.FileId}")).StatusCode != HttpStatusCode.NotFound
               || !Stored().SequenceEqual(keptFiles))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The unsent upload was not removed within 30 s; stored: {string.Join(", ", Stored())}.");
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{kept.FileId}")).StatusCode);
        var late = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "late", text = "", fileIds = new[] { forgotten.FileId } });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }
}
