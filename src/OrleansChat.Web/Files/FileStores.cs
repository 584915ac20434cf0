using Azure.Storage.Blobs;

namespace OrleansChat.Web.Files;

/// <summary>
/// The file store from configuration (<c>Chat:Files:Store</c>): a folder (<c>folder</c>, embedded mode's default)
/// or Azure Blob Storage (<c>azure-blob</c>). A cluster must choose: a folder of one node's own would lose
/// files that another node received.
/// </summary>
public static class FileStores
{
    private const string Folder = "folder";
    private const string AzureBlob = "azure-blob";
    private const string DefaultContainer = "chat-files";

    private const string ClusterChoices =
        $"set Chat:Files:Store to '{AzureBlob}' with Chat:Files:AzureBlob:ConnectionString (or ConnectionStrings:files) " +
        $"and optionally Chat:Files:AzureBlob:Container (default '{DefaultContainer}'), " +
        $"or to '{Folder}' with a Chat:Files:Directory that every web node shares.";

    /// <summary>Registers the singleton <see cref="IFileStore"/>; throws at start-up when the configuration cannot work.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(Create(configuration));

    private static IFileStore Create(IConfiguration configuration)
    {
        var files = configuration.GetSection("Chat:Files");
        var store = files["Store"] ?? (configuration.IsCluster()
            ? throw new InvalidOperationException($"Cluster mode needs a file store for attachments: {ClusterChoices}")
            : Folder);
        return store.ToLowerInvariant() switch
        {
            Folder => new FolderFileStore(FolderOf(configuration)),
            AzureBlob => new AzureBlobFileStore(new BlobContainerClient(BlobConnectionString(configuration), files["AzureBlob:Container"] ?? DefaultContainer)),
            _ => throw new InvalidOperationException($"Chat:Files:Store is '{store}': {ClusterChoices}"),
        };
    }

    private static string FolderOf(IConfiguration configuration) =>
        configuration["Chat:Files:Directory"] is { Length: > 0 } directory ? directory
        : configuration.IsCluster() ? throw new InvalidOperationException($"A folder file store in cluster mode needs the folder that every web node shares: {ClusterChoices}")
        : Path.Combine(configuration.DataDirectory(), "files");

    /// <summary>Ours, else <c>ConnectionStrings:files</c>, which Aspire injects for a referenced resource of that name.</summary>
    private static string BlobConnectionString(IConfiguration configuration) =>
        configuration["Chat:Files:AzureBlob:ConnectionString"] is { Length: > 0 } ours ? ours
        : configuration.GetConnectionString("files") is { Length: > 0 } aspire ? aspire
        : throw new InvalidOperationException($"The '{AzureBlob}' file store needs a connection string: {ClusterChoices}");
}
