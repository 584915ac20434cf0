using Orleans.Configuration;

namespace OrleansChat.Web.Cluster;

/// <summary>The web tier is an Orleans client of the silo cluster; it holds no chat state of its own.</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddChatClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            if (configuration.IsCluster())
            {
                // Gateways are found in the membership table the silos keep in PostgreSQL.
                var connectionString = configuration.ChatDatabase();
                client.Configure<ClusterOptions>(cluster =>
                    {
                        cluster.ClusterId = configuration.ClusterId();
                        cluster.ServiceId = ChatHosting.ServiceId;
                    })
                    .UseAdoNetClustering(options =>
                    {
                        options.Invariant = "Npgsql";
                        options.ConnectionString = connectionString;
                    });
            }
            else
            {
                client.UseLocalhostClustering(configuration.GatewayPort(), ChatHosting.ServiceId, configuration.ClusterId());
            }
            client.UseConnectionRetryFilter(new RetryWhileSiloStarts(TimeSpan.FromSeconds(60)));
        });
        return builder;
    }
}
