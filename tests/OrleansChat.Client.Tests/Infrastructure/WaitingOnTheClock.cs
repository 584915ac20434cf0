using OrleansChat.Web.Tests.Infrastructure;

[assembly: TestCollectionOrderer(WaitingOnTheClockFirst.TypeName, WaitingOnTheClockFirst.AssemblyName)]
// Most of these tests wait: on reconnect back-offs, web nodes restarting and Node processes starting. One test per
// core left the cores half idle; four at once keep two busy.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]

namespace OrleansChat.Client.Tests.Infrastructure;

/// <summary>This project's tests that mostly wait for real time to pass: they start first (see <see cref="WaitingOnTheClockFirst"/>).</summary>
[CollectionDefinition(WaitingOnTheClockFirst.Name)]
public sealed class WaitingOnTheClock;
