using System.Data.Common;
using OrleansChat.Storage.Sql;

namespace OrleansChat.Storage.Sqlite;

/// <summary>Batches as one parameter per value (SQLite has no arrays): <c>IN (@c0, @c1)</c>, <c>VALUES (@a0, @b0), (@a1, @b1)</c>.</summary>
internal sealed class SqliteBatches : SqlBatches
{
    public static readonly SqliteBatches Instance = new();

    public override string OneOf<T>(DbCommand command, string column, string name, IReadOnlyList<T> values)
    {
        for (var i = 0; i < values.Count; i++) command.With($"{name}{i}", values[i]);
        return $"{column} IN ({string.Join(", ", values.Select((_, i) => $"{name}{i}"))})";
    }

    public override string RowsWithKeys(DbCommand command, string table, string condition, string column, string name, IReadOnlyList<string> values) =>
        $"(SELECT * FROM {table} WHERE {condition} AND {OneOf(command, column, name, values)}) AS found";

    public override string Rows(DbCommand command, IReadOnlyList<(string Name, Array Values)> columns)
    {
        var count = columns[0].Values.Length;
        for (var row = 0; row < count; row++)
        {
            foreach (var (name, values) in columns) command.With($"{name}{row}", values.GetValue(row));
        }
        return "VALUES " + string.Join(", ", Enumerable.Range(0, count).Select(row => $"({string.Join(", ", columns.Select(c => $"{c.Name}{row}"))})"));
    }

    public override int RefillKeys<T>(DbCommand command, int first, IReadOnlyList<T> values)
    {
        for (var i = 0; i < values.Count; i++) command.Parameters[first++].Value = (object?)values[i] ?? DBNull.Value;
        return first;
    }

    public override int RefillRows(DbCommand command, int first, IReadOnlyList<(string Name, Array Values)> columns)
    {
        var count = columns[0].Values.Length;
        for (var row = 0; row < count; row++)
        {
            foreach (var (_, values) in columns) command.Parameters[first++].Value = values.GetValue(row) ?? DBNull.Value;
        }
        return first;
    }
}
