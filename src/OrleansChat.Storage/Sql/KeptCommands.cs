using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Commands a writer lane's connection keeps for its life, one per statement and batch size: the statement's text,
/// its parameters and (on SQLite) its compiled program are made once instead of once per batch, about half of what
/// an append allocated on the silo (docs/benchmarks.md, problem 14). Only for the group commit's connections,
/// which run one write at a time; a kept command is never disposed by its user, and goes with its connection.
/// </summary>
internal static class KeptCommands
{
    /// <summary>Larger batches are rare, each would keep a statement of its own, and their cost per message is small anyway.</summary>
    public const int MaxBatchSize = 16;

    private static readonly ConditionalWeakTable<DbConnection, Dictionary<(string Statement, int Size), DbCommand>> Kept = new();

    /// <summary>The connection's command for <paramref name="statement"/> at <paramref name="size"/>, now in <paramref name="transaction"/>.</summary>
    public static bool TryReuse(this DbConnection connection, string statement, int size, DbTransaction transaction, [NotNullWhen(true)] out DbCommand? command)
    {
        command = null;
        if (!Kept.TryGetValue(connection, out var commands) || !commands.TryGetValue((statement, size), out command)) return false;
        ChatDatabaseMetrics.Sent(connection);
        command.Transaction = transaction;
        return true;
    }

    /// <summary>Keeps <paramref name="command"/> (just made for a batch of <paramref name="size"/>) when the size is worth it; whether it was kept.</summary>
    public static bool Keep(this DbConnection connection, string statement, int size, DbCommand command)
    {
        if (size > MaxBatchSize) return false;
        ForgetValues(command);
        Kept.GetOrCreateValue(connection)[(statement, size)] = command;
        return true;
    }

    /// <summary>Runs a kept command refilled for a batch; its values are forgotten after, however it ends.</summary>
    public static async Task<T> RunAsync<T>(DbCommand command, Func<DbCommand, Task<T>> execute)
    {
        try
        {
            return await execute(command);
        }
        finally
        {
            ForgetValues(command);
        }
    }

    /// <summary>A kept command holds no message between batches (one deleted meanwhile would linger in memory).</summary>
    private static void ForgetValues(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters) parameter.Value = DBNull.Value;
    }
}
