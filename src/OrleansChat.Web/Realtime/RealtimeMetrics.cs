using System.Diagnostics.Metrics;
using OrleansChat.Contracts;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// What this web node's fan-out does, on the <c>OrleansChat</c> meter: messages the rooms told it, pushes to
/// connections, and how long after being stored a message went out. No instrument is tagged by room or user: a
/// series per room would swamp a metrics store.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "OrleansChat";
    public const string ReceivedName = "orleanschat.fanout.messages";

    private readonly Counter<long> _received;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _lag;
    private readonly TimeProvider _clock;

    public RealtimeMetrics(IMeterFactory meters, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        _clock = clock;
        _received = meter.CreateCounter<long>(ReceivedName, "{message}",
            "Messages this web node received from rooms to fan out to its connections.");
        _deliveries = meter.CreateCounter<long>("orleanschat.deliveries", "{message}",
            "Messages pushed to connections: one per message and connection it went to.");
        _lag = meter.CreateHistogram<double>("orleanschat.fanout.lag", "ms",
            "From a message's storing (its sentAt) to its push to this node's connections.");
    }

    public void Received(int messages) => _received.Add(messages);

    public void Pushed(ChatMessage message, int connections)
    {
        _deliveries.Add(connections);
        _lag.Record(Math.Max(0, (_clock.GetUtcNow() - message.SentAt).TotalMilliseconds));
    }
}
