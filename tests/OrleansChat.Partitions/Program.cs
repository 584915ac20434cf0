using OrleansChat.Partitions.Traffic;

// The test runner loads this assembly as a library; the partition test starts it as a program, inside a network
// namespace, to generate the traffic: OrleansChat.Partitions.dll traffic <settings.json> <report.json>.
if (args is ["traffic", var settings, var report])
{
    await TrafficGenerator.RunAsync(settings, report);
    return 0;
}
Console.Error.WriteLine("Usage: OrleansChat.Partitions traffic <settings.json> <report.json> (the partition test runs it; see docs/partitions.md).");
return 2;
