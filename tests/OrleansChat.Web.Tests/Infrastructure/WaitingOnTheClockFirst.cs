using Xunit.Abstractions;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// Runs the collection named <see cref="Name"/> first: tests that mostly wait for real time to pass (tokens that have
/// to end). xUnit runs as many tests at once as the machine has cores, so these waits then overlap the other tests'
/// work; left for the end of a run, they would leave the cores idle. They run one after another, so that only one of
/// those places waits at a time. Each test project with such tests defines the collection and names this orderer.
/// </summary>
public sealed class WaitingOnTheClockFirst : ITestCollectionOrderer
{
    public const string Name = "Waiting on the clock";
    public const string TypeName = "OrleansChat.Web.Tests.Infrastructure.WaitingOnTheClockFirst";
    public const string AssemblyName = "OrleansChat.Web.Tests";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.DisplayName == Name ? 0 : 1);
}
