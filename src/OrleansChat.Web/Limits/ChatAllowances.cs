using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansChat.Ai;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Limits;

/// <summary>
/// What one user, site or address may do per minute (<c>Chat:Limits</c>, <c>Chat:Ai:RequestsPerMinute</c>), over the
/// hub and REST alike: the limits that keep one caller from filling storage, spending the AI budget or starving the
/// others. A user's messages and AI requests are counted for the whole cluster; the rest per web node, where a load
/// balancer spreading one caller over N nodes gives them at most N times the limit (docs/operations.md says why).
/// </summary>
public sealed class ChatAllowances : IDisposable
{
    private readonly Counter<long> _refusals;

    public ChatAllowances(IOptions<ChatLimits> limits, IOptions<AiOptions> ai, IMeterFactory meters, IGrainFactory grains)
    {
        _refusals = meters.Create(Realtime.RealtimeMetrics.MeterName).CreateCounter<long>(
            "orleanschat.rate_limited", "{call}", "Calls refused because a caller's allowance was spent, by limit.");
        Messages = ClusterWide(AllowanceKeys.Messages, "messages", () => limits.Value.MessagesPerMinute, grains);
        AiRequests = ClusterWide("ai_requests", "AI requests", () => ai.Value.RequestsPerMinute, grains);
        LiveCalls = Limited("live_calls", "room calls (join, typing, read, status)", () => limits.Value.LiveCallsPerMinute);
        Searches = Limited("searches", "searches", () => limits.Value.SearchesPerMinute);
        SessionsPerSite = Limited("sessions_per_site", "new chat sessions for this site", () => limits.Value.SessionsPerSitePerMinute);
        SessionsPerAddress = Limited("sessions_per_address", "new chat sessions from this address", () => limits.Value.SessionsPerAddressPerMinute);
        ConnectionsPerAddress = Limited("connections_per_address", "connection attempts from this address", () => limits.Value.ConnectionAttemptsPerAddressPerMinute);
    }

    /// <summary>Messages (and uploads, moderation, notes) per user, across the cluster.</summary>
    public ClusterAllowance Messages { get; }

    /// <summary>Questions to the assistant (<c>/api/ai/chat</c>, a room's assistant) per user, across the cluster.</summary>
    public ClusterAllowance AiRequests { get; }

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

    /// <summary>An allowance of this node whose refusals are counted under <paramref name="name"/>.</summary>
    private Allowance Limited(string name, string what, Func<int> permitsPerMinute) => new(what, permitsPerMinute, () => Refused(name));

    /// <summary>An allowance of the cluster, kept by grains keyed by <paramref name="name"/>, its refusals counted under it.</summary>
    private ClusterAllowance ClusterWide(string name, string what, Func<int> permitsPerMinute, IGrainFactory grains) =>
        new(name, what, permitsPerMinute, () => Refused(name), grains);

    private void Refused(string limit) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Dispose()
    {
        LiveCalls.Dispose();
        Searches.Dispose();
        SessionsPerSite.Dispose();
        SessionsPerAddress.Dispose();
        ConnectionsPerAddress.Dispose();
    }
}
