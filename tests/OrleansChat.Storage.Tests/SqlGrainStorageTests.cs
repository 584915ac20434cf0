using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Tests;

/// <summary>Our grain storage serves the embedded mode (cluster mode uses Orleans' ADO.NET provider).</summary>
[Collection(StorageEnginesCollection.Name)]
public sealed class SqlGrainStorageTests(StorageEngines engines)
{
    [Fact]
    public async Task State_round_trips_and_a_write_from_a_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = new SqlGrainStorage(await engines.CreateMigratedAsync(StorageEngines.Sqlite), TimeProvider.System);
        var grainId = GrainId.Create("room", "lobby");
        var mine = new GrainState<Sample> { State = new Sample { Name = "first", Tags = ["a"] } };
        await storage.WriteStateAsync("room", grainId, mine);
        var theirs = new GrainState<Sample> { State = new() };
        await storage.ReadStateAsync("room", grainId, theirs);
        theirs.State.Name = "theirs";
        await storage.WriteStateAsync("room", grainId, theirs);

        mine.State.Name = "mine";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("room", grainId, mine));

        var read = new GrainState<Sample> { State = new() };
        await storage.ReadStateAsync("room", grainId, read);
        Assert.True(read.RecordExists);
        Assert.Equal("theirs", read.State.Name);
        Assert.Equal(["a"], read.State.Tags);
        await storage.ClearStateAsync("room", grainId, read);
        var cleared = new GrainState<Sample> { State = new() };
        await storage.ReadStateAsync("room", grainId, cleared);
        Assert.False(cleared.RecordExists);
    }

    [Fact]
    public async Task Creating_a_record_that_someone_else_created_first_is_refused()
    {
        var storage = new SqlGrainStorage(await engines.CreateMigratedAsync(StorageEngines.Sqlite), TimeProvider.System);
        var grainId = GrainId.Create("user", "alice");
        await storage.WriteStateAsync("user", grainId, new GrainState<Sample> { State = new Sample { Name = "first" } });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("user", grainId, new GrainState<Sample> { State = new Sample { Name = "second" } }));
    }

    public sealed class Sample
    {
        public string Name { get; set; } = "";
        public HashSet<string> Tags { get; set; } = [];
    }
}
