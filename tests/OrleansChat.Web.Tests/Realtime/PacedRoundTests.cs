using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansChat.Web.Realtime;

namespace OrleansChat.Web.Tests.Realtime;

/// <summary>A renewal round reaches every room and user once, spread over its window instead of in one burst.</summary>
public sealed class PacedRoundTests
{
    [Fact]
    public async Task A_round_calls_each_item_once_and_none_before_its_share_of_the_window()
    {
        var items = Enumerable.Range(0, 40).ToArray();
        var window = TimeSpan.FromSeconds(1);
        var startedAt = new ConcurrentDictionary<int, TimeSpan>();
        var clock = Stopwatch.StartNew();

        await PacedRound.RunAsync(items, window, item =>
        {
            Assert.True(startedAt.TryAdd(item, clock.Elapsed), $"item {item} was called twice");
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(items, startedAt.Keys.Order());
        // Ten slices of four: an item of slice k may start late on a busy machine, never early.
        foreach (var (item, at) in startedAt) Assert.True(at >= window * (item / 4) / 10, $"item {item} started at {at}");
    }

    [Fact]
    public async Task A_window_shorter_than_a_slice_calls_everything_at_once_and_an_empty_round_returns()
    {
        var called = 0;

        await PacedRound.RunAsync(Enumerable.Range(0, 5).ToArray(), TimeSpan.FromMilliseconds(50), _ => Task.FromResult(Interlocked.Increment(ref called)), CancellationToken.None);
        await PacedRound.RunAsync(Array.Empty<int>(), TimeSpan.FromSeconds(10), _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(5, called);
    }
}
