using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansChat.Grains.Persistence;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Stores a grain's state as it was when the grain asked to write it. Providers serialize after their first await
/// (Orleans' ADO.NET storage does, off the grain's scheduler), while a reentrant grain such as a room goes on
/// changing its state: without this copy, a write could store half of a later change, or fail on a collection
/// modified while it was read. The copy is taken synchronously, inside the grain's turn.
/// </summary>
public sealed class StateSnapshotStorage(IGrainStorage provider, ILogger<StateSnapshotStorage> logger) : IGrainStorage
{
    private static readonly ChatStateSerializer Serializer = new();

    /// <summary>A state that cannot be read fails the grain's activation with <c>unavailable</c> (see <see cref="StoreLoading"/>).</summary>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreLoading.LoadAsync(() => provider.ReadStateAsync(stateName, grainId, grainState), logger, grainId.ToString());

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var snapshot = new GrainState<T>(Serializer.Deserialize<T>(Serializer.Serialize(grainState.State)), grainState.ETag)
        {
            RecordExists = grainState.RecordExists,
        };
        await provider.WriteStateAsync(stateName, grainId, snapshot);
        grainState.ETag = snapshot.ETag;
        grainState.RecordExists = snapshot.RecordExists;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);
}
