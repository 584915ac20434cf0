using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace OrleansChat.Storage.Sqlite;

/// <summary>
/// The one writer of a SQLite database. Every write (any room's messages, any grain's state) queues here, and a
/// thread of its own commits whatever has queued in one transaction: one fsync serves them all, and no grain turn
/// or thread-pool thread ever waits for SQLite's write lock or its disk (Microsoft.Data.Sqlite's async methods run
/// synchronously). Each write runs in a savepoint of its own, so one that fails is undone alone and the others
/// commit; a failed commit fails every write of its batch. A write's task completes once its batch is on disk.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly int _maxBatchSize;
    private readonly Thread _thread;

    public SqliteWriter(Func<SqliteConnection> open, int maxBatchSize = 512)
    {
        _open = open;
        _maxBatchSize = maxBatchSize;
        _thread = new Thread(Run) { IsBackground = true, Name = "OrleansChat SQLite writer" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch's transaction; its result once the batch has committed.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteWriter), "The database is closed.");
        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // What was queued is written before the thread ends.
        await Task.Run(_thread.Join);
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var batch = new List<IQueuedWrite>(_maxBatchSize);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
            {
                if (write.IsCancelled) write.Cancel();
                else batch.Add(write);
            }
            if (batch.Count == 0) continue;
            try
            {
                connection ??= _open();
                Commit(connection, batch);
            }
            catch (Exception failure)
            {
                foreach (var write in batch) write.Fail(failure);
                // The connection may be in any state after a failed commit: the next batch starts on a new one.
                connection?.Dispose();
                connection = null;
            }
            batch.Clear();
        }
        connection?.Dispose();
    }

    private static void Commit(SqliteConnection connection, List<IQueuedWrite> batch)
    {
        const string savepoint = "queued_write";
        using var transaction = connection.BeginTransaction();
        var written = new List<IQueuedWrite>(batch.Count);
        foreach (var write in batch)
        {
            transaction.Save(savepoint);
            try
            {
                write.Run(connection, transaction);
                transaction.Release(savepoint);
                written.Add(write);
            }
            catch (Exception failure)
            {
                // Where SQLite has already undone the whole transaction (a full disk, an I/O error), this throws,
                // and the batch fails as a whole.
                transaction.Rollback(savepoint);
                transaction.Release(savepoint);
                write.Fail(failure);
            }
        }
        transaction.Commit();
        foreach (var write in written) write.Complete();
    }

    private interface IQueuedWrite
    {
        bool IsCancelled { get; }
        void Run(SqliteConnection connection, SqliteTransaction transaction);
        void Complete();
        void Fail(Exception failure);
        void Cancel();
    }

    private sealed class QueuedWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IQueuedWrite
    {
        // Callers continue on their own schedulers, never on the writer's thread.
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _outcome.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested;

        // SQLite's "async" completes synchronously: this runs the work on the writer's thread.
        public void Run(SqliteConnection connection, SqliteTransaction transaction) =>
            _result = work(connection, transaction, cancellationToken).GetAwaiter().GetResult();

        public void Complete() => _outcome.TrySetResult(_result!);

        public void Fail(Exception failure) => _outcome.TrySetException(failure);

        public void Cancel() => _outcome.TrySetCanceled(cancellationToken);
    }
}
