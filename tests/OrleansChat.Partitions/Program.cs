using OrleansChat.Partitions;
using OrleansChat.Partitions.Network;
using OrleansChat.Partitions.Traffic;

// The test runner loads this assembly as a library; the partition test also starts it as a program inside a network
// namespace (HelperProcess): to generate the traffic, or to delay the packets an NFQUEUE rule queues.
switch (args)
{
    case ["traffic", var settings, var report]:
        await TrafficGenerator.RunAsync(settings, report);
        return 0;
    case ["delay", var queue, var milliseconds]:
        await PacketDelay.RunAsync(ushort.Parse(queue), TimeSpan.FromMilliseconds(int.Parse(milliseconds)), () => Console.WriteLine(HelperProcess.Ready));
        return 0;
    default:
        Console.Error.WriteLine("Usage: OrleansChat.Partitions traffic <settings.json> <report.json> | delay <queue> <milliseconds> (the partition test runs it; docs/partitions.md).");
        return 2;
}
