namespace OrleansChat.Bench.Hosting;

/// <summary>CPU time a set of processes has used, from /proc (user and system time, in clock ticks of 1/100 s).</summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    public static double Seconds(IEnumerable<int> processIds) => processIds.Sum(Seconds);

    private static double Seconds(int processId)
    {
        // Fields after the parenthesised command name: state is the 3rd field of the whole line, utime the 14th, stime the 15th.
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }
}
