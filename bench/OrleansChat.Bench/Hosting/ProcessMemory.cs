using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>What a server process holds in memory, read from /proc, after a full GC induced from outside.</summary>
public static class ProcessMemory
{
    /// <summary>Resident memory after a full GC: what the process keeps alive, plus what the GC keeps committed.</summary>
    public static async Task<long> ResidentBytesAfterGcAsync(this BuiltProcess process)
    {
        await RemoteGc.CollectAsync(process.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return ResidentBytes(process.ProcessId);
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}
