namespace OrleansChat.Web.Files;

public static class FilesExtensions
{
    /// <summary>Attachments: the file store, upload checks, image processing, signed links and the sweep of unsent uploads.</summary>
    public static WebApplicationBuilder AddChatFiles(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ChatFilesOptions>(builder.Configuration.GetSection(ChatFilesOptions.SectionName));
        services.AddFileStore(builder.Configuration);
        services.AddSingleton<ImageFiles>();
        services.AddSingleton<UploadReader>();
        services.AddSingleton<FileLinks>();
        services.AddHostedService<UnsentFileSweeper>();
        return builder;
    }
}
