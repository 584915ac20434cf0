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

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a transaction that holds the schema lock until it ends, so one process migrates at a time.</summary>
    ValueTask<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default);
}
