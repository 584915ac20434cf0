using System.Collections.Concurrent;
using System.Data.Common;

namespace OrleansChat.Testing.Faults;

/// <summary>What a faulty store does to the next operation on one key (a room id, or a grain id's text).</summary>
public enum Fault
{
    /// <summary>Throws before anything is stored.</summary>
    FailBeforeCommit,
    /// <summary>Stores, then throws as a lost connection would: the caller cannot tell that it landed.</summary>
    FailAfterCommit,
    /// <summary>Waits off the grain's scheduler before storing, as a provider that serializes after an await does.</summary>
    Slow,
    /// <summary>
    /// Throws the database driver's own kind of exception (a <see cref="DbException"/> of a namespace Orleans does not
    /// carry), as Npgsql does when its pool is exhausted.
    /// </summary>
    DatabaseDown,
    /// <summary>Reads at once, then holds the answer until the gate opens: what is stored meanwhile is not in it.</summary>
    Stale,
}

/// <summary>
/// Faults planned by a test for the silo's stores (the silo runs in the test's process). Each is taken by the
/// next operation on its key; a gate, when given, holds the operation until the test opens it.
/// </summary>
public static class PlannedFaults
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Planned>> Plans = new(StringComparer.Ordinal);

    /// <summary>Plans a fault; the task completes when an operation reaches it (before the gate).</summary>
    public static Task Plan(string key, Fault fault, Task? gate = null)
    {
        var planned = new Planned(fault, gate ?? Task.CompletedTask, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Plans.GetOrAdd(key, _ => new()).Enqueue(planned);
        return planned.Reached.Task;
    }

    /// <summary>The key of a room's reads when it activates (its appends' key is the room id).</summary>
    public static string Activation(string roomId) => $"{roomId}#activation";

    /// <summary>The key of a grain's state read when it activates (embedded), by its id's text (<c>room/general</c>).</summary>
    public static string StateRead(string grainId) => $"{grainId}#state";

    /// <summary>The key of a room's reads of message ranges from the log (history pages, its window on activation, a resync).</summary>
    public static string Reads(string roomId) => $"{roomId}#reads";

    /// <summary>How many faults planned for a key no operation has reached yet.</summary>
    public static int Pending(string key) => Plans.TryGetValue(key, out var queue) ? queue.Count : 0;

    /// <summary>Runs <paramref name="store"/> as the fault planned for <paramref name="key"/> (if any) says.</summary>
    internal static async Task<T> ApplyAsync<T>(string key, Func<Task<T>> store)
    {
        if (!Plans.TryGetValue(key, out var queue) || !queue.TryDequeue(out var planned)) return await store();
        if (planned.Fault == Fault.Stale)
        {
            T answer;
            try
            {
                answer = await store();
            }
            finally
            {
                planned.Reached.SetResult();
            }
            await planned.Gate.ConfigureAwait(false);
            return answer;
        }
        planned.Reached.SetResult();
        await planned.Gate.ConfigureAwait(false);
        switch (planned.Fault)
        {
            case Fault.FailBeforeCommit:
                throw new IOException($"Injected failure before storing {key}.");
            case Fault.DatabaseDown:
                throw new InjectedDatabaseException($"Injected: the database did not answer for {key}.");
            case Fault.FailAfterCommit:
                await store();
                throw new IOException($"Injected failure after storing {key}.");
            default:
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
                return await store();
        }
    }

    private sealed record Planned(Fault Fault, Task Gate, TaskCompletionSource Reached);
}

/// <summary>A database driver's exception: neither System's nor Orleans' own type.</summary>
public sealed class InjectedDatabaseException(string message) : DbException(message);
