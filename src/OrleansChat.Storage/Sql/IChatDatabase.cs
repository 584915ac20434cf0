using System.Data.Common;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Where the chat's tables live. The SQL the storage classes send is written to run unchanged on every engine
/// behind this (named parameters, no engine-specific syntax); what differs is how a connection is made and how
/// migrations take their lock.
/// </summary>
public interface IChatDatabase
{
    /// <summary>Which migrations folder applies (e.g. <c>Sqlite</c>).</summary>
    string Engine { get; }

    /// <summary>A connection for reading.</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, committed once it returns and undone if it throws; the result
    /// once it is durable. Every write goes through here, so that an engine can commit many writers' work together.
    /// The work may only use the database: it can run on a thread that serves no one else while it waits.
    /// </summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>Starts a transaction that holds the schema lock until it ends, so one process migrates at a time.</summary>
    ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default);
}
