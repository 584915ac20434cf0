using System.Data.Common;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Postgres;

/// <summary>Batches as arrays, one parameter per column: the same statement text for every batch size.</summary>
internal sealed class PostgresBatches : SqlBatches
{
    public static readonly PostgresBatches Instance = new();

    public override string OneOf<T>(DbCommand command, string column, string name, IReadOnlyList<T> values)
    {
        command.With(name, values.ToArray());
        return $"{column} = ANY({name})";
    }

    /// <summary>
    /// One index probe per value, as a lateral join, and at most one row per value. <c>column = ANY(@values)</c> under a
    /// condition that is itself an index's prefix lets the planner scan every row that meets the condition and test
    /// each against the whole array instead: with statistics taken while the table was small, an append's lookup of
    /// 250 client message ids read all 40,000 messages of its room, 250 comparisons each (docs/benchmarks.md, problem
    /// 8). A plain join is no better: it hashes every row that meets the condition. The <c>LIMIT</c> keeps the planner
    /// from turning the lateral subquery into such a join, so every plan probes the index once per value.
    /// </summary>
    public override string RowsWithKeys(DbCommand command, string table, string condition, string column, string name, IReadOnlyList<string> values)
    {
        command.With(name, values.ToArray());
        return $"unnest({name}) AS wanted(key) CROSS JOIN LATERAL (SELECT * FROM {table} WHERE {condition} AND {column} = wanted.key LIMIT 1) AS found";
    }

    public override string Rows(DbCommand command, IReadOnlyList<(string Name, Array Values)> columns)
    {
        foreach (var (name, values) in columns) command.With(name, values);
        return $"SELECT * FROM unnest({string.Join(", ", columns.Select(c => c.Name))})";
    }

    public override int RefillKeys<T>(DbCommand command, int first, IReadOnlyList<T> values)
    {
        command.Parameters[first].Value = values.ToArray();
        return first + 1;
    }

    public override int RefillRows(DbCommand command, int first, IReadOnlyList<(string Name, Array Values)> columns)
    {
        foreach (var (_, values) in columns) command.Parameters[first++].Value = values;
        return first;
    }
}
