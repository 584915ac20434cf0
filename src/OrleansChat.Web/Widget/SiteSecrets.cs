namespace OrleansChat.Web.Widget;

/// <summary>Outside development, a site's secret must be one nobody else knows: start-up refuses the others.</summary>
internal static class SiteSecrets
{
    /// <summary>The demo site's secret, published in this repository's development settings.</summary>
    private const string DemoSecret = "demo-site-secret-change-me";

    private const int MinimumLength = 32;

    public static void RequireProductionGrade(IReadOnlyDictionary<string, SiteOptions> sites)
    {
        foreach (var (siteId, site) in sites)
        {
            if (site.Secret is null) continue;
            if (site.Secret == DemoSecret)
            {
                throw new InvalidOperationException($"Chat:Sites:{siteId}:Secret is the demo site's published secret: set a secret of your own.");
            }
            if (site.Secret.Length < MinimumLength)
            {
                throw new InvalidOperationException($"Chat:Sites:{siteId}:Secret must be at least {MinimumLength} characters outside development.");
            }
        }
    }
}
