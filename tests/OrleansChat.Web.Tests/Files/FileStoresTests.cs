using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Web.Files;

namespace OrleansChat.Web.Tests.Files;

/// <summary>Which store <c>Chat:Files</c> chooses, and the start-up errors of configurations that cannot work.</summary>
public sealed class FileStoresTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orleanschat-files-").FullName;

    [Fact]
    public async Task Embedded_mode_keeps_files_under_the_data_directory_by_default()
    {
        var store = Resolve(new() { ["Chat:DataDirectory"] = _folder });

        await SaveOneAsync(store);

        Assert.IsType<FolderFileStore>(store);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "files"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_configured_directory_holds_the_files_in_cluster_mode()
    {
        var store = Resolve(new() { ["Chat:Storage"] = "Postgres", ["Chat:Files:Store"] = "folder", ["Chat:Files:Directory"] = _folder });

        await SaveOneAsync(store);

        Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("Chat:Files:AzureBlob:ConnectionString")]
    [InlineData("ConnectionStrings:files")]
    public async Task Azure_blob_stores_in_the_configured_container(string connectionStringKey)
    {
        var container = AzuriteFixture.NewContainerName();
        var store = Resolve(new()
        {
            ["Chat:Storage"] = "Postgres",
            ["Chat:Files:Store"] = "azure-blob",
            [connectionStringKey] = azurite.Server.ConnectionString,
            ["Chat:Files:AzureBlob:Container"] = container,
        });

        var key = await SaveOneAsync(store);

        Assert.IsType<AzureBlobFileStore>(store);
        Assert.True(await new BlobContainerClient(azurite.Server.ConnectionString, container).GetBlobClient(key).ExistsAsync());
    }

    [Fact]
    public async Task Azure_blob_uses_the_chat_files_container_unless_told()
    {
        var store = Resolve(new() { ["Chat:Files:Store"] = "azure-blob", ["ConnectionStrings:files"] = azurite.Server.ConnectionString });

        var key = await SaveOneAsync(store);

        Assert.True(await new BlobContainerClient(azurite.Server.ConnectionString, "chat-files").GetBlobClient(key).ExistsAsync());
    }

    [Fact]
    public void Cluster_mode_without_a_store_refuses_to_start_and_says_what_to_configure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["Chat:Storage"] = "Postgres" }));

        Assert.Contains("Chat:Files:Store", error.Message);
        Assert.Contains("'azure-blob' with Chat:Files:AzureBlob:ConnectionString (or ConnectionStrings:files)", error.Message);
        Assert.Contains("Chat:Files:AzureBlob:Container (default 'chat-files')", error.Message);
        Assert.Contains("'folder' with a Chat:Files:Directory that every web node shares", error.Message);
    }

    [Theory]
    [InlineData("Postgres", "folder", "needs the folder that every web node shares")]
    [InlineData("Sqlite", "azure-blob", "needs a connection string")]
    [InlineData("Sqlite", "s3", "Chat:Files:Store is 's3'")]
    public void A_store_without_what_it_needs_refuses_to_start(string storage, string store, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new()
        {
            ["Chat:Storage"] = storage, ["Chat:Files:Store"] = store, ["Chat:DataDirectory"] = _folder,
        }));

        Assert.Contains(message, error.Message);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IFileStore Resolve(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddFileStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider()
        .GetRequiredService<IFileStore>();

    private static async Task<string> SaveOneAsync(IFileStore store)
    {
        var key = FileKeys.Original(FileKeys.NewFileId());
        await store.SaveAsync(key, new MemoryStream([1, 2, 3]));
        return key;
    }
}
