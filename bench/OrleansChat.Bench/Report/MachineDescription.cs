using System.Runtime.InteropServices;

namespace OrleansChat.Bench.Report;

/// <summary>The machine as the report names it: processor, cores, memory, OS and runtime.</summary>
public static class MachineDescription
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim()
            : "?";
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory} memory, " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
