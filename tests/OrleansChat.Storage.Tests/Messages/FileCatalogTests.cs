using OrleansChat.Contracts;
using OrleansChat.Grains.Files;
using OrleansChat.Grains.Messages;
using OrleansChat.Storage.Sql;
using OrleansChat.Storage.Sql.Messages;

namespace OrleansChat.Storage.Tests.Messages;

/// <summary>The file catalog beside the messages: uploads recorded once, taken by one message in its append, swept when unsent.</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class FileCatalogTests(StorageEngines engines)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task An_upload_is_recorded_once_per_client_file_id_and_found_as_it_was(string engine)
    {
        var catalog = new SqlFileCatalog(await engines.CreateMigratedAsync(engine));
        var image = Upload("photo.jpg", new Attachment(NewId(), "photo.jpg", "image/jpeg", 1234, 640, 480, new ImageSize(320, 240)), clientFileId: "c1");

        var stored = await catalog.AddAsync(image);
        var retry = image with { Attachment = image.Attachment with { FileId = NewId() } };
        var retried = await catalog.AddAsync(retry);
        var plain = await catalog.AddAsync(Upload("a.pdf"));

        Assert.Equal((image, image), (stored, retried));
        Assert.Equal(image, await catalog.FindAsync(image.FileId));
        Assert.Null(await catalog.FindAsync(retry.FileId));
        Assert.Equal([image, plain], (await catalog.FindAsync([plain.FileId, image.FileId, NewId()])).OrderBy(f => f.Attachment.FileName == "a.pdf"));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task A_message_takes_its_files_in_its_append_and_a_file_already_taken_fails_the_whole_append(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var catalog = new SqlFileCatalog(database);
        var log = new SqlMessageLog(database);
        var first = await catalog.AddAsync(Upload("a.pdf"));
        var second = await catalog.AddAsync(Upload("b.pdf"));

        var sent = (await log.AppendAsync("room", 0, [Draft("m1", first.Attachment, second.Attachment)]))[0].Message;
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync("room", 1, [Draft("m2"), Draft("m3", first.Attachment)]));

        Assert.Equal([first.Attachment, second.Attachment], (await log.ReadRangeAsync("room", 1, 10)).Single().Attachments!);
        Assert.Equal([first.Attachment, second.Attachment], sent.Attachments!);
        Assert.All(await catalog.FindAsync([first.FileId, second.FileId]), f => Assert.Equal("m1", f.SentAs));
    }

    [Theory]
    [MemberData(nameof(StorageEngines.All), MemberType = typeof(StorageEngines))]
    public async Task The_sweep_takes_old_unsent_uploads_only_and_a_swept_file_can_no_longer_be_sent(string engine)
    {
        var database = await engines.CreateMigratedAsync(engine);
        var catalog = new SqlFileCatalog(database);
        var log = new SqlMessageLog(database);
        var old = await catalog.AddAsync(Upload("old.pdf"));
        var oldSent = await catalog.AddAsync(Upload("sent.pdf"));
        var recent = await catalog.AddAsync(Upload("recent.pdf") with { UploadedAt = Now.AddHours(2) });
        await log.AppendAsync("room", 0, [Draft("m1", oldSent.Attachment)]);

        var taken = await catalog.TakeUnsentAsync(Now.AddHours(1), max: 10);

        Assert.Equal([old], taken);
        Assert.Null(await catalog.FindAsync(old.FileId));
        Assert.NotNull(await catalog.FindAsync(recent.FileId));
        Assert.Empty(await catalog.TakeUnsentAsync(Now.AddHours(1), max: 10));
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync("room", 1, [Draft("m2", old.Attachment)]));
        Assert.Equal(1, await log.GetLastSeqAsync("room"));
    }

    private static string NewId() => Guid.CreateVersion7().ToString("N");

    private static FileRecord Upload(string name, Attachment? attachment = null, string? clientFileId = null) =>
        new(attachment ?? new Attachment(NewId(), name, "application/pdf", 100), "room", "alice", clientFileId, Now, SentAs: null);

    private static MessageDraft Draft(string clientMessageId, params Attachment[] attachments) =>
        new(NewId(), clientMessageId, "alice", "Alice", MessageKind.Text, "", Now, attachments.Length > 0 ? attachments : null);
}
