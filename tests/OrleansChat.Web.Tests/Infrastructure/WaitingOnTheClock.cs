[assembly: TestCollectionOrderer(OrleansChat.Web.Tests.Infrastructure.WaitingOnTheClockFirst.TypeName, OrleansChat.Web.Tests.Infrastructure.WaitingOnTheClockFirst.AssemblyName)]
// Many of these tests wait on reconnects, restarts and quiet windows: one test per core left a fifth of the cores idle.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>This project's tests that mostly wait for real time to pass: they start first (see <see cref="WaitingOnTheClockFirst"/>).</summary>
[CollectionDefinition(WaitingOnTheClockFirst.Name)]
public sealed class WaitingOnTheClock;
