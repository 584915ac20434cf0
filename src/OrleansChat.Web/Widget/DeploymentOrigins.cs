namespace OrleansChat.Web.Widget;

/// <summary>
/// <c>Chat:AllowedOrigins</c>: origins of the deployment's own pages served elsewhere (an agent console or an app on
/// another host name), allowed to call REST and the hub like the sites' pages are.
/// </summary>
public sealed class DeploymentOrigins
{
    public const string SectionName = "Chat";

    public string[] AllowedOrigins { get; set; } = [];
}
