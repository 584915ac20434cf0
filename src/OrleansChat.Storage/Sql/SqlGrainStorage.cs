using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Grain state as one JSON document per grain in <c>grain_state</c>, with an integer version as the ETag:
/// a write based on a stale version fails with <see cref="InconsistentStateException"/> and changes nothing.
/// Orleans ships no SQLite provider; this one serves the embedded mode.
/// </summary>
public sealed class SqlGrainStorage(IChatDatabase database, TimeProvider clock) : IGrainStorage
{
    private static readonly ChatStateSerializer Serializer = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(
                "SELECT version, payload FROM grain_state WHERE state_name = @name AND grain_id = @grain")
            .With("@name", stateName).With("@grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.State = Serializer.Deserialize<T>(BinaryData.FromString(reader.GetString(1)));
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        var sql = grainState.ETag is null
            ? "INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at_ms) " +
              "SELECT @name, @grain, @next, @payload, @at WHERE NOT EXISTS " +
              "(SELECT 1 FROM grain_state WHERE state_name = @name AND grain_id = @grain)"
            : "UPDATE grain_state SET version = @next, payload = @payload, updated_at_ms = @at " +
              "WHERE state_name = @name AND grain_id = @grain AND version = @version";
        var payload = Serializer.Serialize(grainState.State).ToString();
        var changed = await database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            await using var command = connection.CreateCommand(sql, transaction)
                .With("@name", stateName).With("@grain", grainId.ToString()).With("@version", version).With("@next", version + 1)
                .With("@payload", payload).With("@at", clock.GetUtcNow().ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
        if (changed != 1)
        {
            throw new InconsistentStateException($"State '{stateName}' of {grainId} was changed by someone else.", grainState.ETag, "unknown");
        }
        grainState.ETag = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await database.WriteAsync(async (connection, transaction, cancellationToken) =>
        {
            await using var command = connection.CreateCommand("DELETE FROM grain_state WHERE state_name = @name AND grain_id = @grain", transaction)
                .With("@name", stateName).With("@grain", grainId.ToString());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }
}
