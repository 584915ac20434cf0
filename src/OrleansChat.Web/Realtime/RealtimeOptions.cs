namespace OrleansChat.Web.Realtime;

/// <summary>Bridge tuning, under <c>Chat:Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Chat:Realtime";

    /// <summary>
    /// How often this node renews its room subscriptions and reports its connections. Keep it well under the
    /// silo's <c>Chat:Rooms:ObserverExpiry</c> and <c>Chat:Presence:NodeExpiry</c> (90 s by default). After a silo
    /// restart, live delivery resumes within one period.
    /// </summary>
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// WebSockets to the hub on this node's own transport, which keeps about half the memory per idle connection of
    /// ASP.NET Core's (docs/benchmarks.md, problem 6). Only a connection's first request, on a plain HTTP/1.1
    /// endpoint, can be one; behind TLS that Kestrel ends, and with false, SignalR's transport serves them.
    /// </summary>
    public bool OwnWebSockets { get; set; } = true;
}
