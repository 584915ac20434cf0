namespace OrleansChat.Web.Cluster;

/// <summary>The web tier is an Orleans client of the silo cluster; it holds no chat state of its own.</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddChatClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!configuration.IsEmbedded())
        {
            throw new InvalidOperationException(
                $"Chat:Storage is '{configuration.StorageMode()}'; this build supports '{ChatHosting.SqliteStorage}'.");
        }
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(configuration.GatewayPort(), serviceId: "orleanschat", clusterId: "orleanschat")
            .UseConnectionRetryFilter(new RetryWhileSiloStarts(TimeSpan.FromSeconds(60))));
        return builder;
    }
}
