using OrleansChat.Contracts;
using OrleansChat.Grains.Limits;

namespace OrleansChat.Grains.Tests;

/// <summary>
/// A caller's allowance for the whole cluster: however many web nodes ask at once, no more than the limit is granted
/// in a window, and a new window grants the limit again.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AllowanceTests(ChatClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_takers_are_never_granted_more_than_the_limit_and_the_refused_are_told_when_to_retry()
    {
        var allowance = fixture.Grains.GetGrain<IAllowanceGrain>($"messages/{Guid.NewGuid():N}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => allowance.Take(permitsPerMinute: 25)));

        Assert.Equal(25, answers.Count(a => a.Granted));
        Assert.All(answers.Where(a => !a.Granted), refused => Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), PermitWindow.Length));
        Assert.False((await allowance.Take(permitsPerMinute: 25)).Granted, "A spent allowance stays spent for the rest of its window.");
    }

    [Fact]
    public async Task Each_caller_and_each_limit_has_an_allowance_of_its_own()
    {
        var user = Guid.NewGuid().ToString("N");
        var messages = fixture.Grains.GetGrain<IAllowanceGrain>($"messages/{user}");

        Assert.True((await messages.Take(permitsPerMinute: 1)).Granted);
        Assert.False((await messages.Take(permitsPerMinute: 1)).Granted);
        Assert.True((await fixture.Grains.GetGrain<IAllowanceGrain>($"ai_requests/{user}").Take(permitsPerMinute: 1)).Granted);
        Assert.True((await fixture.Grains.GetGrain<IAllowanceGrain>($"messages/{Guid.NewGuid():N}").Take(permitsPerMinute: 1)).Granted);
    }

    [Fact]
    public async Task A_room_takes_a_send_from_the_senders_allowance_shared_with_every_room_and_refuses_past_it_storing_nothing()
    {
        var alice = ChatClusterFixture.User("alice");
        var first = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        var second = await fixture.CreateRoomAsync(alice, RoomVisibility.Private);
        NewMessage Counted(string clientMessageId) => new(clientMessageId, "hello", [], MessagesPerMinute: 2);

        await first.Post(alice, Counted("a-1"));
        await second.Post(alice, Counted("a-2"));
        var refused = await Assert.ThrowsAsync<ChatException>(() => first.Post(alice, Counted("a-3")));
        var uncounted = await first.Post(alice, new NewMessage("a-4", "sent by the silo itself", []));

        Assert.Equal(ChatError.RateLimited, refused.Error);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), PermitWindow.Length);
        Assert.False((await fixture.Grains.GetGrain<IAllowanceGrain>(AllowanceKeys.Of(AllowanceKeys.Messages, alice.UserId)).Take(2)).Granted);
        var stored = await first.GetMessages(alice.UserId, new HistoryQuery(null, null, 10));
        Assert.Equal(["a-1", "a-4"], stored.Messages.Select(m => m.ClientMessageId));
    }

    [Fact]
    public void A_window_grants_the_limit_refuses_until_it_ends_and_the_next_window_grants_the_limit_again()
    {
        var window = new PermitWindow();
        var opened = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        var inFirst = new[] { window.Take(2, opened), window.Take(2, opened.AddSeconds(10)), window.Take(2, opened.AddSeconds(15)) };
        var lastMoment = window.Take(2, opened + PermitWindow.Length - TimeSpan.FromMilliseconds(1));
        var inSecond = new[] { window.Take(2, opened + PermitWindow.Length), window.Take(2, opened + PermitWindow.Length), window.Take(2, opened + PermitWindow.Length) };

        Assert.Equal([true, true, false], inFirst.Select(a => a.Granted));
        Assert.Equal(TimeSpan.FromSeconds(45), inFirst[2].RetryAfter);
        Assert.Equal(new PermitAnswer(false, TimeSpan.FromMilliseconds(1)), lastMoment);
        Assert.Equal([true, true, false], inSecond.Select(a => a.Granted));
        Assert.Equal(PermitWindow.Length, inSecond[2].RetryAfter);
    }

    [Fact]
    public void A_window_opens_at_the_first_take_after_a_quiet_spell_not_on_a_fixed_clock()
    {
        var window = new PermitWindow();
        var start = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        window.Take(1, start);

        var later = start + PermitWindow.Length + TimeSpan.FromSeconds(30);
        var granted = window.Take(1, later);
        var refused = window.Take(1, later + TimeSpan.FromSeconds(20));

        Assert.True(granted.Granted);
        Assert.Equal(new PermitAnswer(false, TimeSpan.FromSeconds(40)), refused);
    }
}
