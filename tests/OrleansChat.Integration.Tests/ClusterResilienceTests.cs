using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Contracts;
using OrleansChat.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// The guarantees under failure: PostgreSQL, three silos and two web nodes as real processes, 100 clients in 20
/// rooms sending a few hundred messages a second for a minute, while a silo is killed and restarted, a web node
/// is killed, and PostgreSQL restarts. Every acknowledged message must reach every member exactly once, in order.
/// </summary>
public sealed class ClusterResilienceTests(ITestOutputHelper output)
{
    private const int Rooms = 20;
    private const int ClientsPerRoom = 5;
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Every_acknowledged_message_reaches_every_member_exactly_once_in_order_through_failures()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        var silos = new[] { cluster.Silo("silo1"), cluster.Silo("silo2"), cluster.Silo("silo3") };
        await Task.WhenAll(silos.Select(s => s.StartAsync()));
        var webSettings = new Dictionary<string, string> { ["Chat:Realtime:RenewPeriod"] = "00:00:05" };
        var webs = new[] { cluster.Web("web1", webSettings), cluster.Web("web2", webSettings) };
        await Task.WhenAll(webs.Select(w => w.StartAsync()));
        var nodes = webs.Select(w => w.BaseAddress).ToArray();

        var clients = await CreateClientsAsync(nodes);
        try
        {
            await Task.WhenAll(clients.Select(c => c.ConnectAsync()));
            var clock = Stopwatch.StartNew();
            using var stopSending = new CancellationTokenSource(Traffic);
            var senders = clients.Select(c => SendUntilAsync(c, stopSending.Token)).ToArray();

            await At(clock, 10, "kill -9 silo2", () => silos[1].Kill());
            await At(clock, 20, "start silo2 again", () => silos[1].StartAsync());
            await At(clock, 30, "kill -9 web2", () => webs[1].Kill());
            await At(clock, 38, "stop PostgreSQL", cluster.Postgres.StopAsync);
            var outage = (From: DateTime.UtcNow, To: DateTime.MaxValue);
            await At(clock, 45, "start PostgreSQL again", cluster.Postgres.StartAgainAsync);
            outage.To = DateTime.UtcNow;

            await Task.WhenAll(senders);
            output.WriteLine($"{clock.Elapsed:mm\\:ss} traffic stopped; waiting for every client to catch up");
            var lastSeq = await WaitForQuietAsync(clients, nodes[0]);
            Report(clients, outage);
            await AssertExactlyOnceInOrderAsync(clients, lastSeq, nodes[0]);
            AssertPushesOnceInOrder(clients);
            AssertOutageFailedFastAsUnavailable(clients, outage);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    private async Task<List<ResilientChatClient>> CreateClientsAsync(Uri[] nodes)
    {
        using var http = new HttpClient { BaseAddress = nodes[0] };
        var clients = new List<ResilientChatClient>();
        for (var room = 0; room < Rooms; room++)
        {
            var roomId = $"room-{room}";
            var owner = await TokenAsync(http, $"owner-{room}");
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
            {
                Content = JsonContent.Create(new { roomId, name = roomId, visibility = "public" }),
                Headers = { Authorization = new("Bearer", owner) },
            };
            (await http.SendAsync(create)).EnsureSuccessStatusCode();
            for (var member = 0; member < ClientsPerRoom; member++)
            {
                var userId = $"user-{room}-{member}";
                // Members spread over both web nodes, so that killing one leaves some on each side.
                clients.Add(new ResilientChatClient(userId, roomId, await TokenAsync(http, userId), nodes, firstNode: member % nodes.Length));
            }
        }
        return clients;
    }

    private static async Task SendUntilAsync(ResilientChatClient client, CancellationToken stop)
    {
        await Task.Delay(Random.Shared.Next((int)SendInterval.TotalMilliseconds), CancellationToken.None);
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            await client.SendAsync($"{client.UserId} #{i}");
            try
            {
                await Task.Delay(SendInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task At(Stopwatch clock, int second, string what, Func<Task> action)
    {
        var wait = TimeSpan.FromSeconds(second) - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        output.WriteLine($"{clock.Elapsed:mm\\:ss} {what}");
        await action();
    }

    private Task At(Stopwatch clock, int second, string what, Action action) => At(clock, second, what, () =>
    {
        action();
        return Task.CompletedTask;
    });

    /// <summary>Waits until each client holds its room's log to the end, for up to a minute; returns each room's last seq.</summary>
    private static async Task<Dictionary<string, long>> WaitForQuietAsync(List<ResilientChatClient> clients, Uri node)
    {
        var lastSeq = clients.GroupBy(c => c.RoomId).ToDictionary(g => g.Key, g => g.SelectMany(c => c.Acknowledged).Select(a => a.Seq).DefaultIfEmpty().Max());
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline && clients.Any(c => c.ContiguousSeq < lastSeq[c.RoomId]))
        {
            await Task.Delay(500);
        }
        return lastSeq;
    }

    private void Report(List<ResilientChatClient> clients, (DateTime From, DateTime To) outage)
    {
        var acked = clients.Sum(c => c.Acknowledged.Count);
        var failures = clients.SelectMany(c => c.SendFailures).ToList();
        output.WriteLine($"acknowledged messages: {acked} ({acked / Traffic.TotalSeconds:F0}/s) in {Rooms} rooms by {clients.Count} clients");
        var pushes = clients.Select(c => c.Pushes).ToList();
        output.WriteLine($"pushes as received, before any dedupe: {pushes.Sum(p => p.Pushes)}, duplicate copies {pushes.Sum(p => p.Duplicates)}, " +
                         $"gaps {pushes.Sum(p => p.Gaps)}");
        output.WriteLine($"kept by the clients: {clients.Sum(c => c.LiveDeliveries)} live, {clients.Sum(c => c.BackfilledDeliveries)} by backfill " +
                         $"(REST, after reconnects and gaps), {clients.Sum(c => c.DuplicatesDropped)} overlaps dropped by seq, {clients.Sum(c => c.Reconnects)} reconnects");
        output.WriteLine($"send attempts refused or failed: {failures.Count}: " +
                         string.Join(", ", failures.GroupBy(f => f.Error).Select(g => $"{g.Key} x{g.Count()}")));
        var duringOutage = failures.Where(f => f.At >= outage.From && f.At <= outage.To).ToList();
        output.WriteLine($"during the PostgreSQL outage: {duringOutage.Count} failed sends, slowest answer " +
                         $"{(duringOutage.Count > 0 ? duringOutage.Max(f => f.Took).TotalMilliseconds : 0):F0} ms");
    }

    private async Task AssertExactlyOnceInOrderAsync(List<ResilientChatClient> clients, Dictionary<string, long> lastSeq, Uri node)
    {
        var lost = 0;
        foreach (var room in clients.GroupBy(c => c.RoomId))
        {
            var log = await ReadLogAsync(node, room.First(), lastSeq[room.Key]);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(m => m.Seq));
            Assert.Equal(log.Count, log.Select(m => m.ClientMessageId).Distinct().Count());
            var acked = room.SelectMany(c => c.Acknowledged).ToList();
            Assert.Equal(acked.Count, acked.Select(a => a.MessageId).Distinct().Count());
            Assert.All(acked, a => Assert.Equal(a.MessageId, log[(int)a.Seq - 1].MessageId));
            foreach (var client in room)
            {
                Assert.Empty(client.Conflicts);
                var received = client.Received;
                var missing = log.Select(m => m.MessageId).Except(received.Select(m => m.MessageId)).Count();
                lost += missing;
                output.WriteLine($"{client.UserId}: received {received.Count} of {log.Count}, missing {missing}");
                Assert.Equal(log.Select(m => m.MessageId), received.Select(m => m.MessageId));
            }
        }
        Assert.Equal(0, lost);
    }

    /// <summary>The web nodes' own promise, judged on what each connection received before the clients' dedupe.</summary>
    private static void AssertPushesOnceInOrder(List<ResilientChatClient> clients)
    {
        Assert.All(clients, c => Assert.Equal((c.UserId, 0, 0), (c.UserId, c.Pushes.Duplicates, c.Pushes.Gaps)));
    }

    private static void AssertOutageFailedFastAsUnavailable(List<ResilientChatClient> clients, (DateTime From, DateTime To) outage)
    {
        // Judged on what web nodes answered: a send to the node killed earlier meets no server at all, which is
        // not the outage's answer (and on a slow machine a client can still be finding its way to the other node).
        var duringOutage = clients.SelectMany(c => c.SendFailures)
            .Where(f => f.At >= outage.From && f.At <= outage.To && f.Error != ResilientChatClient.NoAnswer).ToList();
        Assert.NotEmpty(duringOutage);
        Assert.All(duringOutage, f => Assert.Contains(f.Error, new[] { "unavailable", "http-503" }));
    }

    private static async Task<List<ChatMessage>> ReadLogAsync(Uri node, ResilientChatClient member, long lastSeq)
    {
        using var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(http, member.UserId));
        var log = new List<ChatMessage>();
        while (log.Count < lastSeq)
        {
            var page = (await http.GetFromJsonAsync<MessagePage>($"/api/rooms/{member.RoomId}/messages?after={log.Count}&limit=200", ResilientChatClient.Json))!;
            if (page.Messages.Count == 0) break;
            log.AddRange(page.Messages);
        }
        return log;
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
