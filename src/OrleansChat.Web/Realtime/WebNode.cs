namespace OrleansChat.Web.Realtime;

/// <summary>This web process, as user grains know it: connections are counted per node.</summary>
public sealed class WebNode
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^16];
}
