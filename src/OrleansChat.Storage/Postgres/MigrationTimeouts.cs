namespace OrleansChat.Storage.Postgres;

/// <summary>
/// Bounds on a migration's statements (<c>Chat:Database:MigrationLockTimeout</c>, <c>MigrationStatementTimeout</c>).
/// A schema change waiting for a table lock queues every later query on that table behind it: better that the
/// migration fails, and is run again at a quieter moment, than that the chat stops while it waits.
/// </summary>
/// <param name="Lock">How long a statement may wait for a lock on a table (PostgreSQL's <c>lock_timeout</c>).</param>
/// <param name="Statement">How long a statement may run (PostgreSQL's <c>statement_timeout</c>).</param>
public sealed record MigrationTimeouts(TimeSpan Lock, TimeSpan Statement)
{
    public static readonly MigrationTimeouts Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
}
