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
}
