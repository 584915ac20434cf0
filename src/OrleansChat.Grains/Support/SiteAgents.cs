using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>Who works a site's desk: its agents and admins, and the host application's own (whose token names no site).</summary>
internal static class SiteAgents
{
    public static void Require(ChatUser user, string siteId)
    {
        if (user.Role is not (UserRole.Agent or UserRole.Admin) || (user.SiteId is not null && user.SiteId != siteId))
        {
            throw ChatException.Forbidden($"Only the agents of site '{siteId}' may do that.");
        }
    }
}
