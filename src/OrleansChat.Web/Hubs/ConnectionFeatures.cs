using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.HubSockets;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The protocol additions a connection asked for when it connected (<c>/hubs/chat?features=a,b</c>): an addition that
/// would mislead an older client is sent only to connections that ask for it.
/// </summary>
internal static class ConnectionFeatures
{
    /// <summary>Pushed changes coalesced, with <c>follows</c> where changes were left out (see <c>CoalescedChanges</c>).</summary>
    public const string CoalescedChanges = "coalesced-changes";

    /// <summary>The query parameter that names them.</summary>
    public const string QueryName = "features";

    /// <summary>Over the node's own WebSockets the admitted request's value; over SignalR's transports its request's.</summary>
    public static bool Has(HubCallerContext context, string feature) =>
        (context.Features.Get<HubAdmittance>() is { } admitted ? admitted.ProtocolAdditions : context.GetHttpContext()?.Request.Query[QueryName].ToString())
            ?.Split(',', StringSplitOptions.TrimEntries).Contains(feature, StringComparer.Ordinal) ?? false;
}
