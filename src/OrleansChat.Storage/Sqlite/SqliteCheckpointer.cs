using Microsoft.Data.Sqlite;

namespace OrleansChat.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file from a thread of its own, every <see cref="Period"/>, so that the
/// writer does not. Left to SQLite, the commit that takes the log past 1,000 pages runs the checkpoint itself (the
/// pages' writes and an fsync of the database file) while every write queued behind it waits: at 200 messages a
/// second that was more than once a second, 5 ms on average and 65 ms at worst (docs/benchmarks.md, problem 10). A
/// passive checkpoint never waits for the writer nor holds it up. Should this fall behind, the writer still
/// checkpoints by itself once the log passes <see cref="WriterCheckpointPages"/>.
/// </summary>
internal sealed class SqliteCheckpointer : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>The writer's own <c>wal_autocheckpoint</c>: 40 MB of log, far past what a period adds.</summary>
    public const int WriterCheckpointPages = 10_000;

    private readonly Func<SqliteConnection> _open;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _disposed;

    public SqliteCheckpointer(Func<SqliteConnection> open)
    {
        _open = open;
        _thread = new Thread(Run) { IsBackground = true, Name = "OrleansChat SQLite checkpointer" };
        _thread.Start();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        while (!_stop.Token.WaitHandle.WaitOne(Period))
        {
            try
            {
                connection ??= _open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy with another checkpoint, or the file is gone while closing: the next period tries again, and
                // the writer's own checkpoint bounds the log meanwhile.
                connection?.Dispose();
                connection = null;
            }
        }
        connection?.Dispose();
    }
}
