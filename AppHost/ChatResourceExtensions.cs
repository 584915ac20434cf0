using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansChat.AppHost;

/// <summary>How the AppHost wires OrleansChat's processes together.</summary>
internal static class ChatResourceExtensions
{
    private const string GatewayEndpoint = "orleans-gateway";

    /// <summary>Silo-to-silo and gateway ports, allocated by Aspire and used as they are (not proxied).</summary>
    public static IResourceBuilder<ProjectResource> WithOrleansEndpoints(this IResourceBuilder<ProjectResource> silo) => silo
        .WithEndpoint(name: "orleans-silo", scheme: "tcp", env: "Chat__Silo__Port", isProxied: false)
        .WithEndpoint(name: GatewayEndpoint, scheme: "tcp", env: "Chat__Silo__GatewayPort", isProxied: false);

    /// <summary>Points an Orleans client at the silo's gateway port.</summary>
    public static IResourceBuilder<ProjectResource> WithGatewayOf(this IResourceBuilder<ProjectResource> client, IResourceBuilder<ProjectResource> silo) =>
        client.WithEnvironment("Chat__Silo__GatewayPort", silo.GetEndpoint(GatewayEndpoint).Property(EndpointProperty.TargetPort));

    /// <summary>Passes the AppHost's own <c>Chat:*</c> settings (e.g. <c>--Chat:DataDirectory=...</c>) to a process.</summary>
    public static IResourceBuilder<ProjectResource> WithChatSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection("Chat").AsEnumerable())
        {
            if (value is not null) project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        return project;
    }

    /// <summary>Says where to point a browser once the web tier answers its health check.</summary>
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> web) =>
        builder.Eventing.Subscribe<ResourceReadyEvent>(web.Resource, (ready, _) =>
        {
            var url = web.GetEndpoint("http").Url;
            ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansChat")
                .LogInformation("OrleansChat is ready: open {Url} (hub {Url}/hubs/chat, REST {Url}/api)", url, url, url);
            return Task.CompletedTask;
        });
}
