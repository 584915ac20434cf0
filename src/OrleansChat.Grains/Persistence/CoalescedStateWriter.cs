namespace OrleansChat.Grains.Persistence;

/// <summary>
/// Keeps a reentrant grain to one outstanding state write: callers that change state while a write is in
/// flight share the next write, so writes never race each other (no ETag conflicts) and bursts coalesce.
/// A failed write reads the stored state back before anyone writes again, and every caller whose change memory
/// held before that read finished fails: each is told that nothing changed, and the read took the change away.
/// The grain keeps its activation (and the web nodes subscribed to it); if the state cannot be read back, the writer
/// is broken and tells the grain, which must go.
/// </summary>
internal sealed class CoalescedStateWriter(Func<Task> writeState, Func<Task> readState, Action broken)
{
    private Task _writing = Task.CompletedTask;
    private long _changes;
    private long _saved;
    private long _reloads;
    private bool _broken;

    /// <summary>Completes once the state, as it is now, is stored; throws if this change was not.</summary>
    public async Task SaveAsync()
    {
        var reloads = _reloads;
        var wanted = ++_changes;
        while (_saved < wanted && !_broken && reloads == _reloads)
        {
            if (!_writing.IsCompleted)
            {
                // Back on the grain's scheduler: the next write must run inside the activation.
                await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                continue;
            }
            var covers = _changes;
            _writing = writeState();
            try
            {
                await _writing;
            }
            catch
            {
                _writing = ReloadAsync();
                throw;
            }
            _saved = Math.Max(_saved, covers);
        }
        if (_broken || reloads != _reloads) throw new InvalidOperationException("A state write failed: this change was not stored.");
    }

    /// <summary>Completes once every change made so far is stored (waiting for a write in flight); throws if one was not.</summary>
    public async Task StoredAsync()
    {
        var reloads = _reloads;
        var wanted = _changes;
        while (_saved < wanted && !_broken && reloads == _reloads)
        {
            // Between two writes the caller that starts the next one has yet to run: let it.
            if (_writing.IsCompleted) await Task.Yield();
            else await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        if (_broken || reloads != _reloads) throw new InvalidOperationException("A state write failed: the state was read back.");
    }

    private async Task ReloadAsync()
    {
        try
        {
            await readState();
            _saved = _changes;
            _reloads++;
        }
        catch
        {
            _broken = true;
            broken();
            throw;
        }
    }
}
