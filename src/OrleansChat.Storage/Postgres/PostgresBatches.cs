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

    public override string Rows(DbCommand command, IReadOnlyList<(string Name, Array Values)> columns)
    {
        foreach (var (name, values) in columns) command.With(name, values);
        return $"SELECT * FROM unnest({string.Join(", ", columns.Select(c => c.Name))})";
    }
}
