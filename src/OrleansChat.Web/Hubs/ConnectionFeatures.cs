using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// The protocol additions a connection asked for when it connected (<c>/hubs/chat?features=a,b</c>): an addition that
/// would mislead an older client is sent only to connections that ask for it.
/// </summary>
internal static class ConnectionFeatures
{
    /// <summary>Pushed changes coalesced, with <c>follows</c> where changes were left out (see <c>CoalescedChanges</c>).</summary>
    public const string CoalescedChanges = "coalesced-changes";

    public static bool Has(HubCallerContext context, string feature) =>
        context.GetHttpContext()?.Request.Query["features"]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Contains(feature, StringComparer.Ordinal) ?? false;
}
