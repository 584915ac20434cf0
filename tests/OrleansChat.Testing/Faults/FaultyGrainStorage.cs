using Orleans.Storage;

namespace OrleansChat.Testing.Faults;

/// <summary>
/// The real grain storage, with the writes (and, under <see cref="PlannedFaults.StateRead"/>, the reads) that
/// <see cref="PlannedFaults"/> plans for a grain (by its id's text) failing as planned.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        PlannedFaults.ApplyAsync(PlannedFaults.StateRead(grainId.ToString()), async () =>
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
            return true;
        });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        PlannedFaults.ApplyAsync(grainId.ToString(), async () =>
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return true;
        });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
