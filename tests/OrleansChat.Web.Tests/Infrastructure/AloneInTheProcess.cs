namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>
/// Tests that read what the whole process records: a meter listener hears every system's meters of the same name,
/// and the last of several web nodes' gauges to report wins. These run after the others, with no other test's
/// system alive beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneInTheProcess
{
    public const string Name = "Alone in the process";
}
