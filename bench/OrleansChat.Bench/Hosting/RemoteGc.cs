using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace OrleansChat.Bench.Hosting;

/// <summary>
/// Makes another .NET process run a full, blocking GC, as dotnet-gcdump does: an EventPipe session with the
/// runtime's GCHeapCollect keyword. Without it, a process's resident memory includes garbage the GC has not
/// collected yet, and a per-connection figure would measure the GC's timing more than the connections.
/// </summary>
public static class RemoteGc
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcHeapCollectKeyword)], requestRundown: false);
        // The session's events must be read or the runtime blocks on a full buffer.
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await session.StopAsync(CancellationToken.None);
        await drain;
    }
}
