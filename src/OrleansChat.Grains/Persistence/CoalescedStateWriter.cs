namespace OrleansChat.Grains.Persistence;

/// <summary>
/// Keeps a reentrant grain to one outstanding state write: callers that change state while a write is in
/// flight share the next write, so writes never race each other (no ETag conflicts) and bursts coalesce.
/// Once a write fails, every later save fails too: memory then holds changes whose callers were told that nothing
/// changed, and no other caller's write may store them. The grain reloads from storage instead.
/// </summary>
internal sealed class CoalescedStateWriter(Func<Task> writeState)
{
    private Task _writing = Task.CompletedTask;
    private long _changes;
    private long _saved;
    private bool _failed;

    /// <summary>Completes once the state, as it is now, is stored.</summary>
    public async Task SaveAsync()
    {
        var wanted = ++_changes;
        while (_saved < wanted)
        {
            if (!_writing.IsCompleted)
            {
                // Back on the grain's scheduler: the next write must run inside the activation.
                await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                continue;
            }
            if (_failed) throw new InvalidOperationException("An earlier state write failed: this activation's state is not stored.");
            var covers = _changes;
            _writing = writeState();
            try
            {
                await _writing;
            }
            catch
            {
                _failed = true;
                throw;
            }
            _saved = Math.Max(_saved, covers);
        }
    }
}
