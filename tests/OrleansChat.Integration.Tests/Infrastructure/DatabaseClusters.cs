namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// The database tests' clusters run one at a time, beside the other classes' (xunit runs classes in parallel): a
/// 2-core machine running several PostgreSQL servers and clusters at once starves the resilience test's traffic.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DatabaseClusters
{
    public const string Name = "database clusters";
}
