using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansChat.AppHost;

/// <summary>How the AppHost wires OrleansChat's processes together.</summary>
internal static class ChatResourceExtensions
{
    private const string GatewayEndpoint = "orleans-gateway";

    /// <summary>
    /// A silo with Aspire-allocated Orleans ports, used as they are (not proxied), and the AppHost's <c>Chat:*</c>
    /// settings, the AI provider's included (the support bot runs on the silo). <paramref name="onePerModel"/> keeps
    /// its launch profile's fixed HTTP port; replicas get free ones.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddSilo(this IDistributedApplicationBuilder builder, string name, bool onePerModel = false) => builder
        .AddChatProject<Projects.OrleansChat_Silo>(name, onePerModel)
        .WithAiParameters()
        .WithEndpoint(name: "orleans-silo", scheme: "tcp", env: "Chat__Silo__Port", isProxied: false)
        .WithEndpoint(name: GatewayEndpoint, scheme: "tcp", env: "Chat__Silo__GatewayPort", isProxied: false)
        .WithEnvironment("Chat__Silo__AdvertisedHost", "127.0.0.1");

    /// <summary>A web node, reachable from outside the AppHost (see <see cref="AddSilo"/> for <paramref name="onePerModel"/>).</summary>
    public static IResourceBuilder<ProjectResource> AddWeb(this IDistributedApplicationBuilder builder, string name, bool onePerModel = false) => builder
        .AddChatProject<Projects.OrleansChat_Web>(name, onePerModel)
        .WithAiParameters()
        .WithExternalHttpEndpoints();

    /// <summary>Points an embedded-mode web node at the silo's gateway port.</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayOf(this IResourceBuilder<ProjectResource> web, IResourceBuilder<ProjectResource> silo) =>
        web.WithEnvironment("Chat__Silo__GatewayPort", silo.GetEndpoint(GatewayEndpoint).Property(EndpointProperty.TargetPort));

    /// <summary>
    /// The cluster's database: an existing PostgreSQL server when <c>ConnectionStrings:chatdb</c> is given to the
    /// AppHost, else a PostgreSQL container (which needs a container runtime).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddChatDatabase(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetConnectionString("chatdb") is { Length: > 0 }
            ? builder.AddConnectionString("chatdb")
            : builder.AddPostgres("postgres").WithDataVolume().AddDatabase("chatdb");

    /// <summary>Cluster mode on the given database, with the signing key every web replica must share.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> chatdb)
    {
        project.WithReference(chatdb).WithEnvironment("Chat__Storage", "Postgres")
            .WithEnvironment("Chat__Auth__SigningKey", SessionSigningKey.Value)
            .WithEnvironment("Chat__Auth__DevLogin", "true");
        // A server of our own (a container) is waited for; an existing one is simply used.
        return chatdb.Resource is ConnectionStringResource ? project : project.WaitFor(chatdb);
    }

    /// <summary>
    /// The store of attached files: an existing Azure Blob Storage account (or Azurite) when <c>ConnectionStrings:files</c>
    /// is given to the AppHost, else Azurite in a container (which needs a container runtime), its blobs in a volume.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFileStorage(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetConnectionString("files") is { Length: > 0 }
            ? builder.AddConnectionString("files")
            : builder.AddResource(new AzuriteResource("files"))
                .WithImage(AzuriteResource.Image, AzuriteResource.Tag)
                .WithImageRegistry(AzuriteResource.Registry)
                .WithArgs("azurite-blob", "--blobHost", "0.0.0.0", "--location", "/data", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
                .WithHttpEndpoint(targetPort: AzuriteResource.BlobPort, name: AzuriteResource.BlobEndpointName)
                .WithVolume("orleanschat-files", "/data");

    /// <summary>A web replica keeping attachments in the cluster's object store (<c>ConnectionStrings:files</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithFileStorage(this IResourceBuilder<ProjectResource> web, IResourceBuilder<IResourceWithConnectionString> files)
    {
        web.WithReference(files).WithEnvironment("Chat__Files__Store", "azure-blob");
        // Like the database: a container of our own is waited for; an existing store is simply used.
        return files.Resource is AzuriteResource ? web.WaitFor(files) : web;
    }

    /// <summary>
    /// <c>OrleansChat.Silo migrate</c> on the cluster's database, once per run: the schema and its roles, before any
    /// silo starts (<see cref="AfterMigrateStep"/>). It connects as the given connection string's user, an admin.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddMigrateStep(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> chatdb)
    {
        var migrate = builder.AddProject<Projects.OrleansChat_Silo>("migrate", launchProfileName: null)
            .WithArgs("migrate")
            .WithChatSettings(builder.Configuration)
            .WithReference(chatdb)
            .WithEnvironment("Chat__Storage", "Postgres");
        return chatdb.Resource is ConnectionStringResource ? migrate : migrate.WaitFor(chatdb);
    }

    /// <summary>A silo that starts once the migrate step has succeeded, and so does not migrate itself.</summary>
    public static IResourceBuilder<ProjectResource> AfterMigrateStep(this IResourceBuilder<ProjectResource> silo, IResourceBuilder<ProjectResource> migrate) => silo
        .WithEnvironment("Chat__Database__MigrateOnStart", "false")
        .WaitForCompletion(migrate);

    /// <summary>
    /// The AI provider as Aspire parameters, where they are set (<c>Parameters:ai-endpoint</c>, <c>ai-model</c>,
    /// and <c>ai-api-key</c>, a secret: e.g. <c>dotnet user-secrets set Parameters:ai-api-key ... --project AppHost</c>).
    /// Any of them switches the process (web tier or silo) to the OpenAI-compatible provider; none leaves the
    /// knowledge-base default.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAiParameters(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        var parameters = new[] { ("ai-endpoint", "Chat__Ai__Endpoint", false), ("ai-model", "Chat__Ai__Model", false), ("ai-api-key", "Chat__Ai__ApiKey", true) }
            .Where(p => !string.IsNullOrEmpty(builder.Configuration[$"Parameters:{p.Item1}"]))
            .ToArray();
        foreach (var (name, variable, secret) in parameters)
        {
            project.WithEnvironment(variable, builder.Resources.OfType<ParameterResource>().FirstOrDefault(r => r.Name == name) is { } existing
                ? builder.CreateResourceBuilder(existing)
                : builder.AddParameter(name, secret));
        }
        return parameters.Length > 0 ? project.WithEnvironment("Chat__Ai__Provider", "OpenAI") : project;
    }

    /// <summary>Says where to point a browser once a web node answers its health check.</summary>
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> web) =>
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (ready, _) =>
        {
            var url = web.GetEndpoint("http").Url;
            ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansChat")
                .LogInformation("OrleansChat is ready: open {Url} (hub {Url}/hubs/chat, REST {Url}/api)", url, url, url);
            return Task.CompletedTask;
        });

    private static IResourceBuilder<ProjectResource> AddChatProject<TProject>(this IDistributedApplicationBuilder builder, string name, bool onePerModel)
        where TProject : IProjectMetadata, new()
    {
        // A launch profile's fixed port serves one process; cluster mode runs several of each.
        var project = onePerModel
            ? builder.AddProject<TProject>(name)
            : builder.AddProject<TProject>(name, launchProfileName: null).WithHttpEndpoint();
        return project.WithChatSettings(builder.Configuration).WithHttpHealthCheck("/health");
    }

    /// <summary>Passes the AppHost's own <c>Chat:*</c> settings (e.g. <c>--Chat:DataDirectory=...</c>) to a process.</summary>
    private static IResourceBuilder<ProjectResource> WithChatSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection("Chat").AsEnumerable())
        {
            if (value is not null) project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        return project;
    }

    /// <summary>Tokens in a local cluster last as long as the AppHost run.</summary>
    private static readonly Lazy<string> SessionSigningKey = new(() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
}
