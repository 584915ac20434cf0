using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Files;

/// <summary>Files in chat through the public API: upload, send, live delivery, download, and every refusal.</summary>
public sealed class AttachmentTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Limits:MaxFileBytes"] = "200000",
        ["Chat:Limits:MaxMessageFileBytes"] = "300000",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task An_uploaded_image_and_a_pdf_sent_in_one_message_arrive_live_and_download_for_members()
    {
        await using var pair = await _system.RoomPairAsync("Files");
        var (room, alice, bob, aliceLive, bobLive) = pair;

        var image = await alice.UploadOkAsync(room.RoomId, TestFiles.Png(640, 320), "screen shot.png");
        var pdf = await alice.UploadOkAsync(room.RoomId, TestFiles.Pdf, "invoice.pdf");
        Assert.Equal(("image/png", 640, 320, new ImageSize(320, 160)), (image.ContentType, image.Width, image.Height, image.Thumbnail));
        Assert.Equal(("invoice.pdf", "application/pdf", (long)TestFiles.Pdf.Length, (int?)null, (ImageSize?)null),
            (pdf.FileName, pdf.ContentType, pdf.Size, pdf.Width, pdf.Thumbnail));

        var ack = await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "with-files", "see attached", new[] { image.FileId, pdf.FileId });

        var received = await ChatTestClient.NextAsync(bobLive.Messages, m => m.Seq == ack.Seq);
        Assert.Equal("see attached", received.Text);
        Assert.Equal([image, pdf], received.Attachments!);
        var history = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal([image, pdf], history.Messages.Single().Attachments!);

        using var shown = await bob.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{image.FileId}");
        Assert.Equal((HttpStatusCode.OK, "image/png", "inline", "nosniff"), (shown.StatusCode, shown.Content.Headers.ContentType?.MediaType,
            shown.Content.Headers.ContentDisposition?.DispositionType, shown.Headers.GetValues("X-Content-Type-Options").Single()));
        Assert.Equal((640, 320), TestFiles.SizeOf(await shown.Content.ReadAsByteArrayAsync()));
        using var thumbnail = await bob.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{image.FileId}/thumbnail");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.Equal((320, 160), TestFiles.SizeOf(await thumbnail.Content.ReadAsByteArrayAsync()));

        using var document = await bob.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{pdf.FileId}");
        Assert.Equal(("attachment", "invoice.pdf"), (document.Content.Headers.ContentDisposition?.DispositionType,
            document.Content.Headers.ContentDisposition?.FileName?.Trim('"')));
        Assert.Equal(TestFiles.Pdf, await document.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", document.Headers.GetValues("Content-Security-Policy").Single());

        // Large files resume and caches revalidate: ranges and the ETag.
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/rooms/{room.RoomId}/files/{pdf.FileId}") { Headers = { Range = new RangeHeaderValue(5, 9) } };
        using var part = await bob.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(TestFiles.Pdf[5..10], await part.Content.ReadAsByteArrayAsync());
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/rooms/{room.RoomId}/files/{pdf.FileId}") { Headers = { IfNoneMatch = { document.Headers.ETag! } } };
        Assert.Equal(HttpStatusCode.NotModified, (await bob.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_signed_link_opens_the_file_without_a_token_until_its_reader_loses_the_room()
    {
        await using var pair = await _system.RoomPairAsync("Linked");
        var (room, alice, bob, aliceLive, _) = pair;
        var image = await alice.UploadOkAsync(room.RoomId, TestFiles.Png(64, 64), "dot.png");
        await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "linked", "", new[] { image.FileId });
        var link = await bob.GetAsync<LinkShape>($"/api/rooms/{room.RoomId}/files/{image.FileId}/link");
        using var anonymous = _system.Web.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.ThumbnailUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(link.Url.Replace("user=bob", "user=mallory"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(link.Url[..^3] + "AAA")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/rooms/{room.RoomId}/files/{image.FileId}")).StatusCode);

        await alice.Http.DeleteAsync($"/api/rooms/{room.RoomId}/members/{bob.UserId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(link.Url)).StatusCode);
    }

    [Fact]
    public async Task A_non_member_of_a_private_room_gets_neither_its_files_nor_their_thumbnails_nor_links()
    {
        await using var pair = await _system.RoomPairAsync("Private files");
        var (room, alice, bob, aliceLive, _) = pair;
        await using var mallory = await _system.SignInAsync("mallory");
        var sent = await alice.UploadOkAsync(room.RoomId, TestFiles.Png(32, 32), "secret.png");
        await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "secret", "", new[] { sent.FileId });
        var unsent = await alice.UploadOkAsync(room.RoomId, TestFiles.Pdf, "draft.pdf");

        foreach (var path in new[] { "", "/thumbnail", "/link" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await mallory.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{sent.FileId}{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.UploadAsync(room.RoomId, TestFiles.Pdf, "spam.pdf")).StatusCode);
        // An upload is its uploader's until sent; another room's id does not reach it either.
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{unsent.FileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.Http.GetAsync($"/api/rooms/{room.RoomId}/files/{unsent.FileId}")).StatusCode);
        var mallorysRoom = await mallory.CreateRoomAsync("Mallory's");
        Assert.Equal(HttpStatusCode.NotFound, (await mallory.Http.GetAsync($"/api/rooms/{mallorysRoom.RoomId}/files/{sent.FileId}")).StatusCode);
        var stolen = await mallory.PostAsync($"/api/rooms/{mallorysRoom.RoomId}/messages", new { clientMessageId = "steal", text = "", fileIds = new[] { sent.FileId } });
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task Markup_and_unknown_bytes_are_refused_whatever_their_name_or_claimed_type_and_nothing_is_stored()
    {
        await using var pair = await _system.RoomPairAsync("Refusals");
        var (room, alice, _, _, _) = pair;
        var refusals = new (byte[] Bytes, string Name, string Claimed)[]
        {
            ("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"u8.ToArray(), "cat.png", "image/png"),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "logo.png", "image/png"),
            ("<?xml version=\"1.0\"?><svg/>"u8.ToArray(), "logo.svg", "image/svg+xml"),
            ([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "setup.pdf", "application/pdf"),
        };
        foreach (var (bytes, name, claimed) in refusals)
        {
            using var refused = await alice.UploadAsync(room.RoomId, bytes, name, claimedType: claimed);
            Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"), (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType));
        }
        using var bmpLooksLikePng = await alice.UploadAsync(room.RoomId, [0x89, .. "PNG\r\n\x1A\n"u8.ToArray(), 1, 2, 3], "broken.png");
        Assert.Equal(HttpStatusCode.BadRequest, bmpLooksLikePng.StatusCode);
        using var notMultipart = await alice.PostAsync($"/api/rooms/{room.RoomId}/files", new { file = "x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        using var empty = await alice.UploadAsync(room.RoomId, [], "empty.txt");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        AssertNothingStored();
    }

    [Fact]
    public async Task An_oversized_file_gets_413_and_files_too_large_together_are_refused_for_one_message()
    {
        await using var pair = await _system.RoomPairAsync("Sizes");
        var (room, alice, _, aliceLive, _) = pair;

        using var tooLarge = await alice.UploadAsync(room.RoomId, [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[250_000]], "big.pdf");
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "application/problem+json"), (tooLarge.StatusCode, tooLarge.Content.Headers.ContentType?.MediaType));
        AssertNothingStored();

        var first = await alice.UploadOkAsync(room.RoomId, [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[160_000]], "a.pdf");
        var second = await alice.UploadOkAsync(room.RoomId, [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[160_000]], "b.pdf");
        var together = await Assert.ThrowsAsync<HubException>(() =>
            aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "both", "", new[] { first.FileId, second.FileId }));
        Assert.StartsWith("too-large:", HubErrors.Of(together));
        Assert.Equal(1, (await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "one", "", new[] { first.FileId })).Seq);
    }

    [Fact]
    public async Task A_jpeg_with_a_gps_position_comes_back_without_any_exif_and_upright()
    {
        await using var pair = await _system.RoomPairAsync("Photos");
        var (room, alice, bob, aliceLive, _) = pair;
        var photo = TestFiles.JpegWithGpsAndOrientation(200, 100);
        Assert.True(photo.AsSpan().IndexOf("Exif\0\0"u8) > 0);

        var uploaded = await alice.UploadOkAsync(room.RoomId, photo, "holiday.jpg");
        await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "photo", "", new[] { uploaded.FileId });
        var served = await bob.Http.GetByteArrayAsync($"/api/rooms/{room.RoomId}/files/{uploaded.FileId}");

        Assert.Equal(-1, served.AsSpan().IndexOf("Exif\0\0"u8));
        Assert.Equal(-1, served.AsSpan().IndexOf("II*\0"u8));
        // Orientation 6 was applied before it went: the photo is as tall as it was wide.
        Assert.Equal((100, 200), TestFiles.SizeOf(served));
        Assert.Equal((100, 200, served.Length), (uploaded.Width, uploaded.Height, (int)uploaded.Size));
    }

    [Fact]
    public async Task A_retried_upload_and_send_with_the_same_ids_make_one_file_and_one_message()
    {
        await using var pair = await _system.RoomPairAsync("Retries");
        var (room, alice, bob, aliceLive, _) = pair;
        var bytes = TestFiles.Png(50, 40);

        using var firstUpload = await alice.UploadAsync(room.RoomId, bytes, "a.png", clientFileId: "upload-1");
        using var retriedUpload = await alice.UploadAsync(room.RoomId, bytes, "a.png", clientFileId: "upload-1");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (firstUpload.StatusCode, retriedUpload.StatusCode));
        var file = (await firstUpload.Content.ReadFromJsonAsync<Attachment>(ChatTestClient.Json))!;
        Assert.Equal(file, await retriedUpload.Content.ReadFromJsonAsync<Attachment>(ChatTestClient.Json));
        using var otherFile = await alice.UploadAsync(room.RoomId, TestFiles.Pdf, "b.pdf", clientFileId: "upload-1");
        Assert.Equal(HttpStatusCode.Conflict, otherFile.StatusCode);

        var body = new { clientMessageId = "send-1", text = "again and again", fileIds = new[] { file.FileId } };
        var sent = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", body);
        var resent = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", body);
        var overHub = await aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "send-1", "again and again", new[] { file.FileId });
        // Uploading it again after it was sent returns it as it is.
        using var uploadAfterSend = await alice.UploadAsync(room.RoomId, bytes, "a.png", clientFileId: "upload-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, true, HttpStatusCode.OK), (sent.StatusCode, resent.StatusCode, overHub.Duplicate, uploadAfterSend.StatusCode));
        var history = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal(file, history.Messages.Single().Attachments!.Single());
        var secondMessage = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "send-2", text = "", fileIds = new[] { file.FileId } });
        Assert.Equal(HttpStatusCode.Conflict, secondMessage.StatusCode);
        var otherFiles = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "send-1", text = "again and again" });
        Assert.Equal(HttpStatusCode.Conflict, otherFiles.StatusCode);
    }

    [Fact]
    public async Task Two_messages_racing_for_one_file_make_one_message_and_one_conflict()
    {
        await using var pair = await _system.RoomPairAsync("Race");
        var (room, alice, bob, aliceLive, _) = pair;
        var file = await alice.UploadOkAsync(room.RoomId, TestFiles.Pdf, "once.pdf");
        var aliceOther = await alice.ConnectAsync();

        var outcomes = await Task.WhenAll(new[] { aliceLive, aliceOther }.Select(async (live, i) =>
        {
            try
            {
                await live.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, $"racer-{i}", "", new[] { file.FileId });
                return "sent";
            }
            catch (HubException refused)
            {
                return HubErrors.Of(refused).Split(':')[0];
            }
        }));

        Assert.Equal(["conflict", "sent"], outcomes.Order());
        Assert.Equal(file, (await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages.Single().Attachments!.Single());
    }

    [Fact]
    public async Task Bad_file_lists_are_refused_with_the_field_named()
    {
        await using var pair = await _system.RoomPairAsync("Lists");
        var (room, alice, _, aliceLive, _) = pair;
        var file = await alice.UploadOkAsync(room.RoomId, TestFiles.Pdf, "a.pdf");
        foreach (var fileIds in new[] { new[] { "../../etc/passwd" }, new[] { file.FileId, file.FileId }, Enumerable.Repeat(file.FileId, 11).ToArray() })
        {
            var refused = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "bad", text = "x", fileIds });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("fileIds", await refused.Content.ReadAsStringAsync());
        }
        var noText = await Assert.ThrowsAsync<HubException>(() => aliceLive.Hub.InvokeAsync<MessageAck>("SendMessageWithFiles", room.RoomId, "none", "", Array.Empty<string>()));
        Assert.StartsWith("invalid:", HubErrors.Of(noText));
        var unknown = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "unknown", fileIds = new[] { Guid.NewGuid().ToString("N") } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty((await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
    }

    /// <summary>No bytes in the folder store and no row in the catalog.</summary>
    private void AssertNothingStored()
    {
        Assert.Empty(Directory.Exists(_system.FilesDirectory) ? Directory.GetFiles(_system.FilesDirectory, "*", SearchOption.AllDirectories) : []);
        using var connection = new SqliteConnection($"Data Source={_system.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM files";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    private sealed record LinkShape(string Url, string ThumbnailUrl, DateTimeOffset ExpiresAt);
}
