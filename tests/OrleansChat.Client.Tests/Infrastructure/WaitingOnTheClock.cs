using OrleansChat.Web.Tests.Infrastructure;

[assembly: TestCollectionOrderer(WaitingOnTheClockFirst.TypeName, WaitingOnTheClockFirst.AssemblyName)]

namespace OrleansChat.Client.Tests.Infrastructure;

/// <summary>This project's tests that mostly wait for real time to pass: they start first (see <see cref="WaitingOnTheClockFirst"/>).</summary>
[CollectionDefinition(WaitingOnTheClockFirst.Name)]
public sealed class WaitingOnTheClock;
