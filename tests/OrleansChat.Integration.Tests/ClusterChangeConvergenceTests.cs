using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Contracts;
using OrleansChat.Integration.Tests.Infrastructure;
using OrleansChat.Testing;
using Xunit.Abstractions;

namespace OrleansChat.Integration.Tests;

/// <summary>
/// The chat core's cluster test for messages that change: PostgreSQL, two silos and two web nodes as real processes;
/// members of a few rooms send, edit, delete and react for half a minute. One member of each room goes away while the
/// others change its room's messages and while a silo is killed (and later started again); it comes back with
/// <c>JoinRoom(afterSeq)</c> and <c>GetChanges</c> after its cursor. Every member, away or not, must end with exactly
/// the room as the log has it, read over REST as that member.
/// </summary>
public sealed class ClusterChangeConvergenceTests(ITestOutputHelper output)
{
    private const int Rooms = 4;
    private const int MembersPerRoom = 3;
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(28);
    private static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Members_away_while_messages_change_and_a_silo_dies_end_with_the_logs_final_state()
    {
        await using var cluster = await ClusterHarness.StartPostgresAsync();
        var silos = new[] { cluster.Silo("silo1"), cluster.Silo("silo2") };
        await Task.WhenAll(silos.Select(s => s.StartAsync()));
        var webSettings = new Dictionary<string, string> { ["Chat:Realtime:RenewPeriod"] = "00:00:05" };
        var webs = new[] { cluster.Web("web1", webSettings), cluster.Web("web2", webSettings) };
        await Task.WhenAll(webs.Select(w => w.StartAsync()));
        var nodes = webs.Select(w => w.BaseAddress).ToArray();

        var clients = await CreateClientsAsync(nodes);
        var away = clients.Where((_, i) => i % MembersPerRoom == MembersPerRoom - 1).ToList();
        try
        {
            foreach (var client in clients) await client.ConnectAsync();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(Traffic);
            var traffic = clients.Select((c, i) => StepUntilAsync(c, moderates: i % MembersPerRoom == 0, seed: i, stop.Token)).ToArray();
            var awayAt = new Dictionary<string, long>();

            await At(clock, 4, "one member of each room goes away", async () =>
            {
                foreach (var client in away)
                {
                    await client.GoAwayAsync();
                    awayAt[client.UserId] = (await client.PositionAsync()).Change;
                }
            });
            await At(clock, 9, "kill -9 silo2", () => silos[1].Kill());
            // A silo started again waits for the cluster to declare its killed self dead: it joins in the background.
            var restart = Task.CompletedTask;
            await At(clock, 16, "start silo2 again", () => { restart = silos[1].StartAsync(); });
            await At(clock, 20, "the members who were away come back", () => Task.WhenAll(away.Select(c => c.ConnectAsync())));

            await Task.WhenAll(traffic);
            await restart;
            output.WriteLine($"{clock.Elapsed:mm\\:ss} traffic stopped; waiting for every member to catch up");
            var ends = await WaitForQuietAsync(clients, nodes[0]);
            Report(clients, away, awayAt);
            foreach (var client in clients) await AssertSameAsLogAsync(client, nodes[0], ends[client.RoomId]);
            // The run did what it is for: each member who was away missed changes to messages it held, and caught up.
            Assert.All(away, c => Assert.True(ends[c.RoomId].Change > awayAt[c.UserId], $"{c.UserId} missed no change while away"));
            Assert.All(away, c => Assert.True(c.ChangesCaughtUpOnReturn > 0, $"{c.UserId} caught up no change on its return"));
        }
        catch
        {
            foreach (var client in clients) output.WriteLine($"{client.UserId}: {string.Join(" / ", client.Journal)}");
            output.WriteLine(cluster.Logs());
            throw;
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    private static async Task<List<ConvergingChatClient>> CreateClientsAsync(Uri[] nodes)
    {
        using var http = new HttpClient { BaseAddress = nodes[0] };
        var clients = new List<ConvergingChatClient>();
        for (var room = 0; room < Rooms; room++)
        {
            var roomId = $"changing-{room}";
            var owner = $"owner-{room}";
            var ownerToken = await TokenAsync(http, owner);
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
            {
                Content = JsonContent.Create(new { roomId, name = roomId, visibility = "public" }),
                Headers = { Authorization = new("Bearer", ownerToken) },
            };
            (await http.SendAsync(create)).EnsureSuccessStatusCode();
            for (var member = 0; member < MembersPerRoom; member++)
            {
                // The first is the room's owner, who deletes anyone's messages; members spread over both web nodes.
                var userId = member == 0 ? owner : $"member-{room}-{member}";
                var token = member == 0 ? ownerToken : await TokenAsync(http, userId);
                clients.Add(new ConvergingChatClient(userId, roomId, token, nodes, firstNode: (room + member) % nodes.Length));
            }
        }
        return clients;
    }

    private static async Task StepUntilAsync(ConvergingChatClient client, bool moderates, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            await client.StepAsync(random, moderates);
            try
            {
                await Task.Delay(StepInterval + TimeSpan.FromMilliseconds(random.Next(100)), stop);
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

    /// <summary>Each room's last seq and last change from the log, once every member holds them (for up to a minute).</summary>
    private static async Task<Dictionary<string, (long Seq, long Change)>> WaitForQuietAsync(List<ConvergingChatClient> clients, Uri node)
    {
        var ends = new Dictionary<string, (long Seq, long Change)>();
        foreach (var room in clients.GroupBy(c => c.RoomId))
        {
            using var http = await AsAsync(node, room.First().UserId);
            var lastSeq = (await http.GetFromJsonAsync<MessagePage>($"/api/rooms/{room.Key}/messages?limit=1", ResilientChatClient.Json))!.LastSeq;
            var lastChange = (await http.GetFromJsonAsync<ChangePage>($"/api/rooms/{room.Key}/changes?after=0&limit=1", ResilientChatClient.Json))!.LastChange;
            ends[room.Key] = (lastSeq, lastChange);
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var positions = await Task.WhenAll(clients.Select(c => c.PositionAsync()));
            if (clients.Zip(positions).All(p => p.Second.Seq >= ends[p.First.RoomId].Seq && p.Second.Change >= ends[p.First.RoomId].Change)) break;
            await Task.Delay(250);
        }
        return ends;
    }

    private void Report(List<ConvergingChatClient> clients, List<ConvergingChatClient> away, Dictionary<string, long> awayAt)
    {
        output.WriteLine($"steps done: {clients.Sum(c => c.Done)}; reconnects after a dropped connection: {clients.Sum(c => c.Reconnects)}");
        output.WriteLine("steps refused or failed: " + string.Join(", ", clients.SelectMany(c => c.Failures).GroupBy(f => f.Key).Select(g => $"{g.Key} x{g.Sum(f => f.Value)}")));
        foreach (var client in away)
        {
            output.WriteLine($"{client.UserId} went away at change {awayAt[client.UserId]}, and on its return the room was {client.ChangesCaughtUpOnReturn} changes further");
        }
    }

    private async Task AssertSameAsLogAsync(ConvergingChatClient client, Uri node, (long Seq, long Change) end)
    {
        var (seq, change) = await client.PositionAsync();
        Assert.True(seq >= end.Seq && change >= end.Change,
            $"{client.UserId} holds seqs to {seq} and changes to {change}, the log {end.Seq} and {end.Change}");
        using var http = await AsAsync(node, client.UserId);
        var log = new List<ChatMessage>();
        while (true)
        {
            var page = (await http.GetFromJsonAsync<MessagePage>($"/api/rooms/{client.RoomId}/messages?after={log.Count}&limit=200", ResilientChatClient.Json))!;
            log.AddRange(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0) break;
        }
        var expected = log.Select(RoomReplica.Describe).ToList();
        var actual = (await client.MessagesAsync()).Select(RoomReplica.Describe).ToList();
        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Select(p => $"log:    {p.First}\nclient: {p.Second}").ToList();
        output.WriteLine($"{client.UserId}: {actual.Count} messages of {expected.Count}, {log.Count(m => m.EditedAt is not null)} edited, " +
                         $"{log.Count(m => m.DeletedAt is not null)} deleted, {log.Count(m => m.Reactions is { Count: > 0 })} with reactions; differences {differences.Count}");
        Assert.True(expected.SequenceEqual(actual), $"{client.UserId} differs from the log:\n{string.Join("\n", differences)}");
    }

    private static async Task<HttpClient> AsAsync(Uri node, string userId)
    {
        var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(http, userId));
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
