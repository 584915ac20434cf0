using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Realtime;

/// <summary>
/// What a connection receives as pushes, before any client-side dedupe: every message once, in seq order, right
/// after its snapshot, through renewals, silo restarts and concurrent joins.
/// </summary>
public sealed class RelayOrderTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Frequent_renewals_under_load_push_each_message_once_in_order()
    {
        // Renewals every 100 ms: each one catches up from the log while pushes are still on their way.
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:RenewPeriod"] = "00:00:00.100" });
        await using var pair = await system.RoomPairAsync("Busy");
        const int count = 600;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async sender =>
        {
            for (var i = sender; i < count; i += 4) await pair.AliceLive.SendAsync(pair.Room.RoomId, $"m-{i}", $"message {i}");
        }));

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), await PushedSeqsAsync(pair.BobLive, count));
    }

    [Fact]
    public async Task After_a_silo_restart_a_backlog_of_several_pages_is_pushed_once_in_order_while_sends_go_on()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Realtime:RenewPeriod"] = "00:00:01" });
        await using var pair = await system.RoomPairAsync("Backlog");
        await pair.AliceLive.SendAsync(pair.Room.RoomId, "first", "before the restart");
        Assert.Equal(1, (await NextAsync(pair.BobLive.Messages)).Seq);

        await system.Silo.RestartAsync();
        // More than three snapshot pages go into the log while no node is subscribed to the new activation...
        await SendOverRestAsync(pair.Alice, pair.Room.RoomId, "backlog", 160);
        // ...and more follow live, arriving while Bob's node catches up.
        await SendOverRestAsync(pair.Alice, pair.Room.RoomId, "live", 100);

        Assert.Equal(Enumerable.Range(2, 260).Select(i => (long)i), await PushedSeqsAsync(pair.BobLive, 260));
    }

    [Fact]
    public async Task Connections_joining_together_while_messages_flow_miss_nothing_and_get_nothing_twice()
    {
        // The owner sends as fast as the room takes it, beyond what the per-user limit lets a person send.
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Limits:MessagesPerMinute"] = "100000" });
        await using var owner = await system.SignInAsync("owner");
        var room = await owner.CreateRoomAsync("Crowd", visibility: "public");
        var ownerLive = await owner.ConnectAsync();
        await ownerLive.JoinRoomAsync(room.RoomId);
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++) await ownerLive.SendAsync(room.RoomId, $"m-{i}", $"message {i}");
        });

        var joiners = new List<(ChatTestClient Client, LiveConnection Live, RoomSnapshot Snapshot)>();
        for (var round = 0; round < 5; round++)
        {
            var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => system.SignInAsync("joiner")));
            var lives = await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
            var snapshots = await Task.WhenAll(lives.Select(l => l.JoinRoomAsync(room.RoomId)));
            joiners.AddRange(clients.Select((c, i) => (c, lives[i], snapshots[i])));
        }
        await stop.CancelAsync();
        await sending;
        var last = await ownerLive.SendAsync(room.RoomId, "last", "the end");

        var firstPushes = new List<List<long>>();
        foreach (var (_, live, snapshot) in joiners) firstPushes.Add(await NextSeqsAsync(live, (int)(last.Seq - snapshot.LastSeq)));
        // One quiet period for all: nothing may follow the last message anywhere.
        await Task.Delay(Quiet);
        foreach (var ((client, live, snapshot), first) in joiners.Zip(firstPushes))
        {
            var pushed = first.Concat((await DrainAsync(live.Messages, TimeSpan.Zero)).Select(m => m.Seq));
            if (snapshot.Messages.Count > 0) Assert.Equal(snapshot.Messages[^1].Seq, snapshot.LastSeq);
            Assert.Equal(Enumerable.Range((int)snapshot.LastSeq + 1, (int)(last.Seq - snapshot.LastSeq)).Select(i => (long)i), pushed);
            await client.DisposeAsync();
        }
    }

    /// <summary>The seqs of the next <paramref name="count"/> pushes, then of any that come in a quiet period after.</summary>
    private static async Task<List<long>> PushedSeqsAsync(LiveConnection live, int count)
    {
        var seqs = await NextSeqsAsync(live, count);
        seqs.AddRange((await DrainAsync(live.Messages, Quiet)).Select(m => m.Seq));
        return seqs;
    }

    private static async Task<List<long>> NextSeqsAsync(LiveConnection live, int count)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++) seqs.Add((await NextAsync(live.Messages)).Seq);
        return seqs;
    }

    private static async Task SendOverRestAsync(ChatTestClient client, string roomId, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            for (var attempt = 0; ; attempt++)
            {
                var response = await client.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = $"{prefix}-{i}", text = $"{prefix} {i}" });
                if (response.IsSuccessStatusCode) break;
                Assert.True(attempt < 60, $"Send refused {attempt} times: {response.StatusCode}");
                await Task.Delay(250);
            }
        }
    }
}
