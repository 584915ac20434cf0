namespace OrleansChat.Storage.Sql;

/// <summary>How a <see cref="GroupCommitWriter"/> commits, by what the engine does best.</summary>
/// <param name="Lanes">Transactions in flight at once, each on a connection of its own.</param>
/// <param name="MaxBatchSize">Writes in one transaction at most.</param>
/// <param name="OwnThreads">Whether each lane runs on a thread of its own (a provider whose I/O blocks its caller).</param>
internal sealed record GroupCommitOptions(int Lanes, int MaxBatchSize, bool OwnThreads)
{
    /// <summary>
    /// SQLite: one writer is all the file admits, on a thread of its own because Microsoft.Data.Sqlite's async methods
    /// complete synchronously; each write is a savepoint in the process, so a batch can be large.
    /// </summary>
    public static GroupCommitOptions Sqlite { get; } = new(Lanes: 1, MaxBatchSize: 512, OwnThreads: true);

    /// <summary>
    /// PostgreSQL: a few lanes, so that one batch's round trips overlap another's commit. A batch stays within 64
    /// writes: a transaction's first 64 subtransactions (its savepoints) are cached in shared memory, and past them
    /// every other session's snapshot must look them up in pg_subtrans.
    /// </summary>
    public static GroupCommitOptions Postgres(int lanes) => new(lanes, MaxBatchSize: 64, OwnThreads: false);
}
