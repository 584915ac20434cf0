using System.Data.Common;
using System.Threading.Channels;

namespace OrleansChat.Storage.Sql;

/// <summary>
/// Commits many callers' writes together. Every write (any room's messages, any grain's rows) queues here, and each
/// of a few lanes, with a connection of its own, takes whatever has queued and runs it in one transaction: one commit
/// (and one flush to disk) serves them all, and the database works on a few transactions at a time instead of one per
/// caller, which on a small machine it does several times faster. Each write runs in a savepoint of its own, so one
/// that fails is undone alone and the others commit; a failed commit fails every write of its batch. A write's task
/// completes once its batch is durable. Lanes keep no order between them: a caller whose write must follow another
/// awaits the first (a room's appends do, one batch at a time).
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const string Savepoint = "queued_write";

    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>();
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly GroupCommitOptions _options;
    private readonly Task[] _lanes;

    public GroupCommitWriter(Func<CancellationToken, ValueTask<DbConnection>> open, GroupCommitOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Lanes, 1);
        _open = open;
        _options = options;
        _lanes = Enumerable.Range(0, options.Lanes).Select(lane => options.OwnThreads ? OnOwnThread(lane) : Task.Run(() => RunAsync(blocking: false))).ToArray();
    }

    /// <summary>Runs <paramref name="work"/> in the next batch's transaction; its result once the batch has committed.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(GroupCommitWriter), "The database is closed.");
        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // What was queued is written before the lanes end.
        await Task.WhenAll(_lanes);
    }

    /// <summary>
    /// A lane on a thread of its own, for a provider whose "async" calls run synchronously (SQLite): its waits for the
    /// disk never hold a thread-pool thread, and every await in the loop completes at once, so it stays on the thread.
    /// </summary>
    private Task OnOwnThread(int lane)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            RunAsync(blocking: true).GetAwaiter().GetResult();
            done.SetResult();
        }) { IsBackground = true, Name = $"OrleansChat database writer {lane}" }.Start();
        return done.Task;
    }

    private async Task RunAsync(bool blocking)
    {
        DbConnection? connection = null;
        var batch = new List<IQueuedWrite>(_options.MaxBatchSize);
        while (blocking ? _queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() : await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var write))
            {
                if (write.IsCancelled) write.Cancel();
                else batch.Add(write);
            }
            if (batch.Count == 0) continue;
            try
            {
                connection ??= await _open(CancellationToken.None);
                await CommitAsync(connection, batch);
            }
            catch (Exception failure)
            {
                foreach (var write in batch) write.Fail(failure);
                // The connection may be in any state after a failed commit: the next batch starts on a new one.
                if (connection is not null) await connection.DisposeAsync();
                connection = null;
            }
            batch.Clear();
        }
        if (connection is not null) await connection.DisposeAsync();
    }

    private static async Task CommitAsync(DbConnection connection, List<IQueuedWrite> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        if (batch.Count == 1)
        {
            // Alone in its transaction, a write that fails undoes only itself: no savepoint's round trips.
            try
            {
                await batch[0].RunAsync(connection, transaction);
            }
            catch (Exception failure)
            {
                await transaction.RollbackAsync();
                batch[0].Fail(failure);
                return;
            }
            await transaction.CommitAsync();
            batch[0].Complete();
            return;
        }
        var written = new List<IQueuedWrite>(batch.Count);
        foreach (var write in batch)
        {
            await transaction.SaveAsync(Savepoint);
            try
            {
                await write.RunAsync(connection, transaction);
                await transaction.ReleaseAsync(Savepoint);
                written.Add(write);
            }
            catch (Exception failure)
            {
                // Where the engine has already undone the whole transaction (a full disk, a lost connection), this
                // throws, and the batch fails as a whole.
                await transaction.RollbackAsync(Savepoint);
                await transaction.ReleaseAsync(Savepoint);
                write.Fail(failure);
            }
        }
        await transaction.CommitAsync();
        foreach (var write in written) write.Complete();
    }

    private interface IQueuedWrite
    {
        bool IsCancelled { get; }
        Task RunAsync(DbConnection connection, DbTransaction transaction);
        void Complete();
        void Fail(Exception failure);
        void Cancel();
    }

    private sealed class QueuedWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IQueuedWrite
    {
        // Callers continue on their own schedulers, never on a lane.
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _outcome.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested;

        public async Task RunAsync(DbConnection connection, DbTransaction transaction) => _result = await work(connection, transaction, cancellationToken);

        public void Complete() => _outcome.TrySetResult(_result!);

        public void Fail(Exception failure) => _outcome.TrySetException(failure);

        public void Cancel() => _outcome.TrySetCanceled(cancellationToken);
    }
}
