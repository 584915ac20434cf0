using System.Diagnostics;

namespace OrleansChat.Web.Realtime;

/// <summary>
/// Runs one call per item, spread evenly over a window rather than all at once. A node's renewal is one call per
/// listened room and per connected user: 5,000 of them in one burst took both processes' cores for a second and
/// every live message waited behind them (docs/benchmarks.md, problem 11).
/// </summary>
internal static class PacedRound
{
    // Items due in the same tenth of a second go together, a few at a time.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private const int CallsAtOnce = 16;

    public static async Task RunAsync<T>(IReadOnlyList<T> items, TimeSpan window, Func<T, Task> call, CancellationToken cancellationToken)
    {
        var slices = Math.Clamp((int)(window / Slice), 1, Math.Max(1, items.Count));
        var started = Stopwatch.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = cancellationToken };
        for (var slice = 0; slice < slices; slice++)
        {
            // A timer may fire a little early (whole milliseconds): wait again until the slice is due.
            var due = window * slice / slices;
            for (var wait = due - Stopwatch.GetElapsedTime(started); wait > TimeSpan.Zero; wait = due - Stopwatch.GetElapsedTime(started))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken);
            }
            var first = items.Count * slice / slices;
            var end = items.Count * (slice + 1) / slices;
            await Parallel.ForAsync(first, end, parallel, (index, _) => new ValueTask(call(items[index])));
        }
    }
}
