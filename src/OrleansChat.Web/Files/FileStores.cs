namespace OrleansChat.Web.Files;

// Placeholder until the object store branch lands: the folder store for every mode.
public static class FileStores
{
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IFileStore>(new FolderFileStore(configuration["Chat:Files:Directory"] ?? Path.Combine(configuration.DataDirectory(), "files")));
}
