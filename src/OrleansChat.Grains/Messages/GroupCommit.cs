namespace OrleansChat.Grains.Messages;

/// <summary>
/// Batches appends: the first draft is written at once, and drafts arriving while a write is in flight go
/// together in the next one, so a busy room pays one round trip per batch rather than per message.
/// Runs inside a grain's turns, so it needs no locks.
/// </summary>
internal sealed class GroupCommit(Func<IReadOnlyList<MessageDraft>, Task<IReadOnlyList<AppendOutcome>>> appendBatch, int maxBatchSize)
{
    private readonly List<(MessageDraft Draft, TaskCompletionSource<AppendOutcome> Outcome)> _queue = [];
    private bool _flushing;

    public Task<AppendOutcome> Enqueue(MessageDraft draft)
    {
        var outcome = new TaskCompletionSource<AppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
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
                    var outcomes = await appendBatch(batch.ConvertAll(item => item.Draft));
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
