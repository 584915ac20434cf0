using Azure.Storage.Blobs;
using OrleansChat.Web.Files;

namespace OrleansChat.Web.Tests.Files;

/// <summary>The same contract for every store: a folder, and Azure Blob Storage as a real Azurite serves it.</summary>
public sealed class FileStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orleanschat-files-").FullName;

    public static TheoryData<string> Stores => ["folder", "azure-blob"];

    [Theory, MemberData(nameof(Stores))]
    public async Task Saved_bytes_read_back(string kind)
    {
        var store = Store(kind);
        var key = NewKey();

        await store.SaveAsync(key, new MemoryStream("hello, file"u8.ToArray()));

        Assert.Equal("hello, file"u8.ToArray(), await ReadAllAsync(store, key));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Saves_at_once_into_a_new_store_all_land(string kind)
    {
        var store = Store(kind);
        var keys = Enumerable.Range(0, 8).Select(_ => NewKey()).ToArray();

        // Each would create the container (or the folders) first.
        await Task.WhenAll(keys.Select((key, i) => store.SaveAsync(key, new MemoryStream([(byte)i]))));

        for (var i = 0; i < keys.Length; i++) Assert.Equal([(byte)i], await ReadAllAsync(store, keys[i]));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Saving_a_key_again_replaces_all_of_its_bytes(string kind)
    {
        var store = Store(kind);
        var key = NewKey();

        await store.SaveAsync(key, new MemoryStream("a longer first attempt"u8.ToArray()));
        await store.SaveAsync(key, new MemoryStream("short"u8.ToArray()));

        Assert.Equal("short"u8.ToArray(), await ReadAllAsync(store, key));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_key_never_saved_reads_as_null_before_and_after_anything_was_saved(string kind)
    {
        var store = Store(kind);

        Assert.Null(await store.OpenReadAsync(NewKey()));
        await store.SaveAsync(NewKey(), new MemoryStream([1, 2, 3]));
        Assert.Null(await store.OpenReadAsync(NewKey()));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_deleted_key_reads_as_null_and_others_stay(string kind)
    {
        var store = Store(kind);
        var (deleted, kept) = (NewKey(), NewKey());
        await store.SaveAsync(deleted, new MemoryStream([1, 2, 3]));
        await store.SaveAsync(kept, new MemoryStream([4, 5, 6]));

        await store.DeleteAsync(deleted);

        Assert.Null(await store.OpenReadAsync(deleted));
        Assert.Equal([4, 5, 6], await ReadAllAsync(store, kept));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Deleting_a_key_that_is_not_there_is_quiet(string kind)
    {
        var store = Store(kind);
        var key = NewKey();

        // Before anything was saved (no container, no folders), then twice after a delete.
        await store.DeleteAsync(key);
        await store.SaveAsync(key, new MemoryStream([1]));
        await store.DeleteAsync(key);
        await store.DeleteAsync(key);

        Assert.Null(await store.OpenReadAsync(key));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task The_read_stream_seeks_so_a_range_can_be_served(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        var bytes = RandomBytes(64 * 1024);
        await store.SaveAsync(key, new MemoryStream(bytes));

        await using var stream = await store.OpenReadAsync(key);

        Assert.NotNull(stream);
        Assert.True(stream.CanSeek);
        Assert.Equal(bytes.Length, stream.Length);
        Assert.Equal(bytes[40_000..40_100], await ReadRangeAsync(stream, 40_000, 100));
        // Backwards too, as a second range of the same response would.
        Assert.Equal(bytes[10..20], await ReadRangeAsync(stream, 10, 10));
        Assert.Equal(bytes[^5..], await ReadRangeAsync(stream, bytes.Length - 5, 5));
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task A_ten_megabyte_file_round_trips_and_its_tail_is_reached_by_seeking(string kind)
    {
        var store = Store(kind);
        var key = NewKey();
        var bytes = RandomBytes(10 * 1024 * 1024);

        await store.SaveAsync(key, new MemoryStream(bytes));

        Assert.Equal(bytes, await ReadAllAsync(store, key));
        // Past the blob stream's first chunk (4 MB), without reading what lies before it.
        await using var stream = await store.OpenReadAsync(key);
        Assert.Equal(bytes[9_000_000..9_001_000], await ReadRangeAsync(stream!, 9_000_000, 1000));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IFileStore Store(string kind) => kind switch
    {
        "folder" => new FolderFileStore(_folder),
        // A container of its own per test, created by the store's first save.
        _ => new AzureBlobFileStore(new BlobContainerClient(azurite.Server.ConnectionString, AzuriteFixture.NewContainerName())),
    };

    private static string NewKey() => FileKeys.Original(FileKeys.NewFileId());

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(IFileStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<byte[]> ReadRangeAsync(Stream stream, long offset, int length)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var range = new byte[length];
        await stream.ReadExactlyAsync(range);
        return range;
    }
}
