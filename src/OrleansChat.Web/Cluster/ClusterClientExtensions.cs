using Orleans.Configuration;

namespace OrleansChat.Web.Cluster;

/// <summary>The web tier is an Orleans client of the silo cluster; it holds no chat state of its own.</summary>
public static class ClusterClientExtensions
{
    /// <summary>
    /// Orleans' client only reads the gateway list, about once a minute: a web node's whole share of the database
    /// unless <c>Chat:Database:Pools:Orleans</c> says otherwise (docs/operations.md).
    /// </summary>
    public const int OrleansPoolSize = 2;

    public static WebApplicationBuilder AddChatClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            if (configuration.IsCluster())
            {
                // Gateways are found in the membership table the silos keep in PostgreSQL.
                var connectionString = configuration.PoolConnectionString(DatabasePools.Orleans, OrleansPoolSize);
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
            // A request's trace goes on into the grain calls it makes (docs/operations.md, "Traces").
            client.AddActivityPropagation();
        });
        return builder;
    }
}
