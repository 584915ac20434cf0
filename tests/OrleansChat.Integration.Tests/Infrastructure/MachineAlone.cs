namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>
/// Tests that load the whole machine on purpose (<see cref="BusyCores"/>) run alone, after the others: spinning every
/// core beside the resilience or formation tests would starve their clusters and fail them for the wrong reason.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MachineAlone
{
    public const string Name = "machine alone";
}
