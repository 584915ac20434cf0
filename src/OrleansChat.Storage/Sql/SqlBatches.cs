using System.Data.Common;
using Npgsql;
using OrleansChat.Storage.Postgres;
using OrleansChat.Storage.Sqlite;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// How a batch's values go into one statement, by the provider's abilities. PostgreSQL binds one array per column
/// (<c>= ANY(@ids)</c>, <c>unnest(@a, @b)</c>): the statement's text is the same whatever the batch's size, so the
/// server parses and plans it once per connection (Npgsql's auto-prepare knows a statement by its text). SQLite has
/// no arrays and gets a parameter per value; it prepares every statement anyway, in the process, at little cost.
/// </summary>
internal abstract class SqlBatches
{
    public static SqlBatches For(DbConnection connection) => connection is NpgsqlConnection ? PostgresBatches.Instance : SqliteBatches.Instance;

    /// <summary>A condition that <paramref name="column"/> is one of <paramref name="values"/>, whose parameters it adds to <paramref name="command"/>.</summary>
    public abstract string OneOf<T>(DbCommand command, string column, string name, IReadOnlyList<T> values);

    /// <summary>
    /// A FROM item: the row of <paramref name="table"/> that meets <paramref name="condition"/> for each of
    /// <paramref name="values"/> in its <paramref name="column"/> (a key: one row at most), found by an index on (the
    /// condition's columns, <paramref name="column"/>).
    /// </summary>
    public abstract string RowsWithKeys(DbCommand command, string table, string condition, string column, string name, IReadOnlyList<string> values);

    /// <summary>The rows for an <c>INSERT INTO table (columns)</c>: one per index of the columns' values, which must have the same length.</summary>
    public abstract string Rows(DbCommand command, IReadOnlyList<(string Name, Array Values)> columns);

    /// <summary>
    /// Gives the parameters that <see cref="OneOf{T}"/> or <see cref="RowsWithKeys"/> added, from the
    /// <paramref name="first"/>, the values of another batch of the same size (a kept command's next use); the index
    /// after them.
    /// </summary>
    public abstract int RefillKeys<T>(DbCommand command, int first, IReadOnlyList<T> values);

    /// <summary>As <see cref="RefillKeys{T}"/>, for the parameters of <see cref="Rows"/>.</summary>
    public abstract int RefillRows(DbCommand command, int first, IReadOnlyList<(string Name, Array Values)> columns);
}
