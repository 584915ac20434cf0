namespace OrleansChat.Grains.Persistence;

/// <summary>
/// Keeps a reentrant grain to one outstanding state write: callers that change state while a write is in
/// flight share the next write, so writes never race each other (no ETag conflicts) and bursts coalesce.
/// A failed write reads the stored state back before anyone writes again, and fails every caller whose change
/// memory held then: each was told that nothing changed, so no later write may store it. The grain keeps its
/// activation (and the web nodes subscribed to it); only if the state cannot be read back is it broken.
/// </summary>
internal sealed class CoalescedStateWriter(Func<Task> writeState, Func<Task> readState)
{
    private Task _writing = Task.CompletedTask;
    private long _changes;
    private long _saved;
    private long _reloads;

    /// <summary>True once a failed write could not be followed by reading the state back: the activation must go.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Completes once the state, as it is now, is stored.</summary>
    public async Task SaveAsync()
    {
        var reloads = _reloads;
        var wanted = ++_changes;
        while (_saved < wanted)
        {
            if (!_writing.IsCompleted)
            {
                // Back on the grain's scheduler: the next write must run inside the activation.
                await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                continue;
            }
            if (IsBroken) throw new InvalidOperationException("A state write failed and the stored state could not be read back.");
            if (reloads != _reloads) throw new InvalidOperationException("A state write failed and the stored state was read back: this change was not stored.");
            var covers = _changes;
            _writing = writeState();
            try
            {
                await _writing;
            }
            catch
            {
                _reloads++;
                _writing = ReloadAsync();
                throw;
            }
            _saved = Math.Max(_saved, covers);
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            await readState();
            _saved = _changes;
        }
        catch
        {
            IsBroken = true;
            throw;
        }
    }
}
