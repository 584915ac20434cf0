namespace OrleansChat.Grains.Messages;

/// <summary>
/// Batches writes: the first item is written at once, and items arriving while a write is in flight go together in
/// the next one, so a busy room pays one round trip per batch rather than per message (or per change). Batches are
/// written one at a time, in order. Runs inside a grain's turns, so it needs no locks.
/// </summary>
internal sealed class GroupCommit<TItem, TOutcome>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TOutcome>>> writeBatch, int maxBatchSize)
{
    private readonly List<(TItem Draft, TaskCompletionSource<TOutcome> Outcome)> _queue = [];
    private bool _flushing;

    public Task<TOutcome> Enqueue(TItem draft)
    {
        var outcome = new TaskCompletionSource<TOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((draft, outcome));
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return outcome.Task;
    }

    private async Task FlushAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var count = Math.Min(_queue.Count, maxBatchSize);
                var batch = _queue.GetRange(0, count);
                _queue.RemoveRange(0, count);
                try
                {
                    var outcomes = await writeBatch(batch.ConvertAll(item => item.Draft));
                    for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes[i]);
                }
                catch (Exception exception)
                {
                    foreach (var item in batch) item.Outcome.TrySetException(exception);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
