using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Web.Realtime;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>Counts the messages rooms delivered to one web node, read from the node's own fan-out meter.</summary>
public sealed class RelayedMessages : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public RelayedMessages(TestWebNode node)
    {
        var meters = node.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Several nodes share this process: only this node's meter counts.
            if (instrument.Meter.Name == RealtimeMetrics.MeterName && instrument.Name == RealtimeMetrics.ReceivedName && instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
