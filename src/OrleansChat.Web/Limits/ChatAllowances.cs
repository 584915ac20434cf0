using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Limits;

/// <summary>
/// What one user, site or address may do per minute through this web node (<c>Chat:Limits</c>), over the hub and
/// REST alike: the limits that keep one caller from filling storage or starving the others.
/// </summary>
public sealed class ChatAllowances : IDisposable
{
    private readonly Counter<long> _refusals;

    public ChatAllowances(IOptions<ChatLimits> limits, IMeterFactory meters)
    {
        _refusals = meters.Create(Realtime.RealtimeMetrics.MeterName).CreateCounter<long>(
            "orleanschat.rate_limited", "{call}", "Calls refused because a caller's allowance was spent, by limit.");
        Messages = Limited("messages", "messages", () => limits.Value.MessagesPerMinute);
        LiveCalls = Limited("live_calls", "room calls (join, typing, read, status)", () => limits.Value.LiveCallsPerMinute);
        Searches = Limited("searches", "searches", () => limits.Value.SearchesPerMinute);
        SessionsPerSite = Limited("sessions_per_site", "new chat sessions for this site", () => limits.Value.SessionsPerSitePerMinute);
        SessionsPerAddress = Limited("sessions_per_address", "new chat sessions from this address", () => limits.Value.SessionsPerAddressPerMinute);
        ConnectionsPerAddress = Limited("connections_per_address", "connection attempts from this address", () => limits.Value.ConnectionAttemptsPerAddressPerMinute);
    }

    /// <summary>Messages (and uploads) per user.</summary>
    public Allowance Messages { get; }

    /// <summary>Joins, typing, read marks and status changes per user: cheap one by one, costly in a loop.</summary>
    public Allowance LiveCalls { get; }

    /// <summary>Searches per user: each is a full-text query of the database.</summary>
    public Allowance Searches { get; }

    /// <summary>Widget sessions per site: each new visitor stores a user and a room.</summary>
    public Allowance SessionsPerSite { get; }

    /// <summary>Widget sessions per address, so that one client cannot use up its site's allowance.</summary>
    public Allowance SessionsPerAddress { get; }

    /// <summary>Hub connection attempts per address.</summary>
    public Allowance ConnectionsPerAddress { get; }

    /// <summary>An allowance whose refusals are counted under <paramref name="name"/>.</summary>
    private Allowance Limited(string name, string what, Func<int> permitsPerMinute) =>
        new(what, permitsPerMinute, () => _refusals.Add(1, new KeyValuePair<string, object?>("limit", name)));

    public void Dispose()
    {
        Messages.Dispose();
        LiveCalls.Dispose();
        Searches.Dispose();
        SessionsPerSite.Dispose();
        SessionsPerAddress.Dispose();
        ConnectionsPerAddress.Dispose();
    }
}
