using System.Data.Common;
using System.Diagnostics.Metrics;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// What the chat sends its database, as metrics: every command the storage classes create is counted, tagged with
/// the database it goes to, so that a dashboard (or a test) sees how many queries an operation costs.
/// </summary>
public static class ChatDatabaseMetrics
{
    public const string MeterName = "OrleansChat.Storage";

    public const string CommandsName = "orleanschat.db.commands";

    /// <summary>The tag naming the database: its data source and database name (a SQLite file's path).</summary>
    public const string DatabaseTag = "db.namespace";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Commands =
        Meter.CreateCounter<long>(CommandsName, "{command}", "Commands sent to the chat database.");

    internal static void Sent(DbConnection connection)
    {
        if (Commands.Enabled) Commands.Add(1, new KeyValuePair<string, object?>(DatabaseTag, $"{connection.DataSource}/{connection.Database}"));
    }
}
