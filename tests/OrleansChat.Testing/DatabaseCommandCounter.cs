using System.Diagnostics.Metrics;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Testing;

/// <summary>
/// Counts the commands the chat's storage sends one database (its metric, tagged with the database: other tests'
/// databases in the same process are not counted), from creation until disposal.
/// </summary>
public sealed class DatabaseCommandCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _database;
    private long _count;

    /// <param name="database">Part of the database's tag: a SQLite file's path, or a PostgreSQL database's name.</param>
    public DatabaseCommandCounter(string database)
    {
        _database = database;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ChatDatabaseMetrics.MeterName && instrument.Name == ChatDatabaseMetrics.CommandsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The commands that <paramref name="operation"/> sent.</summary>
    public async Task<long> CountAsync(Func<Task> operation)
    {
        var before = Count;
        await operation();
        return Count - before;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == ChatDatabaseMetrics.DatabaseTag && tag.Value is string name && name.Contains(_database, StringComparison.Ordinal))
            {
                Interlocked.Add(ref _count, value);
                return;
            }
        }
    }
}
