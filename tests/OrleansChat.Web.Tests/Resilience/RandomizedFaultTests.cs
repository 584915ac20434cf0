using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing.Faults;
using OrleansChat.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Web.Tests.Resilience;

/// <summary>
/// A room driven at random (fixed seeds, a bounded number of steps) through sends from several members at once,
/// appends that fail before or after they are stored, state writes that fail, slow appends, removals and
/// re-admissions, reconnections to either of two web nodes, status changes, a silo restart and a web-node
/// restart. After each run: every acknowledged message is in the log; every join of every connection was pushed
/// each message once, in order, with no gap and nothing while its member was out; the owner's connection, open
/// throughout, was pushed every stored message; each member holds exactly the log; presence matches the
/// connections that exist.
/// </summary>
public sealed class RandomizedFaultTests(ITestOutputHelper output)
{
    private const int Steps = 150;

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(42)]
    public async Task Whatever_fails_every_member_gets_each_acknowledged_message_once_in_order(int seed)
    {
        var random = new Random(seed);
        var counts = new Dictionary<string, int>();
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

        await using var system = await ChatSystem.StartAsync(webNodes: 2, settings: new() { ["Chat:Realtime:RenewPeriod"] = "00:00:00.500" });
        var ownerClient = await system.SignInAsync("owner");
        var room = await ownerClient.CreateRoomAsync("Randomized");
        await using var ownerMember = new TrackedMember(ownerClient, room.RoomId);
        var owner = ownerMember;
        await ownerMember.ConnectAsync(system.Nodes[0]);
        Assert.True(await ownerMember.JoinAsync());
        var members = new List<TrackedMember>();
        for (var i = 0; i < 4; i++)
        {
            var member = new TrackedMember(await system.SignInAsync($"member{i}"), room.RoomId);
            await owner.Client.AddMemberAsync(room.RoomId, member.UserId);
            await member.ConnectAsync(system.Nodes[i % 2]);
            Assert.True(await member.JoinAsync());
            members.Add(member);
        }
        var acknowledged = new List<MessageAck>();
        var siloRestartAt = random.Next(Steps / 4, Steps / 2);
        var webRestartAt = random.Next(Steps / 2, Steps * 3 / 4);

        for (var step = 0; step < Steps; step++)
        {
            if (step == siloRestartAt)
            {
                Count("silo restarts");
                await system.Silo.RestartAsync();
                continue;
            }
            if (step == webRestartAt)
            {
                Count("web node restarts");
                var gone = members.Where(m => m.Live is not null && ReferenceEquals(m.ConnectedTo, system.Nodes[1])).ToList();
                await system.RestartWebNodeAsync(1);
                // Their connections died with the node: they come back together, to either node.
                foreach (var member in gone) await member.DisconnectAsync();
                await Task.WhenAll(gone.Select(m => ReconnectAsync(m, system.Nodes[random.Next(2)], counts)));
                continue;
            }
            var roll = random.Next(100);
            var someone = members[random.Next(members.Count)];
            if (roll < 55)
            {
                // A burst of sends from up to three members at once.
                var senders = new[] { ownerMember }.Concat(members).Where(m => m.InRoom).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
                var acks = await Task.WhenAll(senders.Select(m => SendUntilAcknowledgedAsync(m, room.RoomId, $"s{step}-{m.UserId}", $"step {step} from {m.UserId}", counts)));
                acknowledged.AddRange(acks.OfType<MessageAck>());
            }
            else if (roll < 65)
            {
                var fault = (Fault)random.Next(3);
                Count($"planned append fault {fault}");
                _ = PlannedFaults.Plan(room.RoomId, fault);
            }
            else if (roll < 70)
            {
                Count("planned state write failure");
                _ = PlannedFaults.Plan(RoomStateKey(room.RoomId), Fault.FailBeforeCommit);
            }
            else if (roll < 77 && someone.InRoom)
            {
                var removed = await owner.Client.Http.DeleteAsync($"/api/rooms/{room.RoomId}/members/{someone.UserId}");
                Count($"removal {(int)removed.StatusCode}");
                someone.Note($"removal {(int)removed.StatusCode}");
                if (removed.IsSuccessStatusCode) someone.Removed();
                else Assert.Equal(HttpStatusCode.ServiceUnavailable, removed.StatusCode);
            }
            else if (roll < 84 && !someone.InRoom)
            {
                await LetInAsync(owner.Client, room.RoomId, someone, counts);
            }
            else if (roll < 93)
            {
                Count("reconnections");
                await someone.DisconnectAsync();
                await ReconnectAsync(someone, system.Nodes[random.Next(2)], counts);
            }
            else if (someone.Live is { } live)
            {
                Count("status changes");
                await live.Hub.InvokeAsync("SetStatus", random.Next(2) == 0 ? "away" : "online");
            }
        }

        // Everyone back in and listening, then a last message that every connection must be pushed.
        foreach (var member in members.Where(m => !m.InRoom)) await LetInAsync(owner.Client, room.RoomId, member, counts);
        foreach (var member in members.Where(m => m.Live is null || !m.Listening))
        {
            await member.DisconnectAsync();
            await ReconnectAsync(member, system.Nodes[0], counts);
        }
        var last = (await SendUntilAcknowledgedAsync(ownerMember, room.RoomId, "last", "the end", counts))!;
        acknowledged.Add(last);
        foreach (var member in members.Append(ownerMember))
        {
            for (var waited = 0; member.ContiguousSeq < last.Seq && !member.Held.Any(m => m.Seq == last.Seq); waited++)
            {
                Assert.True(waited < 300, $"{member.UserId} was never pushed the last message.");
                await Task.Delay(100);
            }
        }
        // A quiet second: nothing more may come (no late duplicate, no leak).
        await Task.Delay(TimeSpan.FromSeconds(1));

        var log = (await owner.Client.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?after=0&limit=200")).Messages.ToList();
        while (log.Count < last.Seq) log.AddRange((await owner.Client.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?after={log.Count}&limit=200")).Messages);
        var ownerPushes = ownerMember.Pushes;
        counts["planned faults never reached"] = PlannedFaults.Pending(room.RoomId) + PlannedFaults.Pending(RoomStateKey(room.RoomId));
        Report(seed, counts, acknowledged.Count, log.Count, members.Append(ownerMember).ToList());

        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(m => m.Seq));
        Assert.All(acknowledged, ack => Assert.Equal(ack.MessageId, log[(int)ack.Seq - 1].MessageId));
        // The owner's connection never closed: it was pushed every stored message, once, in order.
        Assert.Equal((log.Count, 0, 0), ownerPushes);
        foreach (var member in members.Append(ownerMember))
        {
            // The member's story in the failure itself: a once-in-many failure must be readable from the run it happened in.
            var (_, duplicates, gaps) = member.Pushes;
            Assert.True((duplicates, gaps, member.Leaks) == (0, 0, 0),
                $"seed {seed}, {member.UserId}: {duplicates} duplicates, {gaps} gaps, {member.Leaks} leaks. Story: {member.Story}");
            await member.BackfillAsync(log.Count);
            Assert.Equal(log.Select(m => m.MessageId), member.Held.Select(m => m.MessageId));
        }
        await AssertPresenceMatchesConnectionsAsync(owner.Client, members);
        foreach (var member in members) await member.DisposeAsync();
    }

    private static async Task LetInAsync(ChatTestClient owner, string roomId, TrackedMember member, Dictionary<string, int> counts)
    {
        var added = await owner.PostAsync($"/api/rooms/{roomId}/members", new { userId = member.UserId });
        counts[$"re-admission {(int)added.StatusCode}"] = counts.GetValueOrDefault($"re-admission {(int)added.StatusCode}") + 1;
        for (var attempt = 0; !added.IsSuccessStatusCode; attempt++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, added.StatusCode);
            Assert.True(attempt < 20, "Adding the member back kept failing.");
            added = await owner.PostAsync($"/api/rooms/{roomId}/members", new { userId = member.UserId });
        }
        member.Note("let in");
        member.LetIn();
        if (member.Live is not null) Assert.True(await member.JoinAsync(), $"{member.UserId} was let in but could not join.");
    }

    /// <summary>Connects (and joins, if in the room), retrying while the system recovers.</summary>
    private static async Task ReconnectAsync(TrackedMember member, TestWebNode node, Dictionary<string, int> counts)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            try
            {
                await member.ConnectAsync(node);
                if (!member.InRoom || await member.JoinAsync()) return;
            }
            catch (Exception)
            {
                // The silo or the node is still coming back.
            }
            counts["connect or join retries"] = counts.GetValueOrDefault("connect or join retries") + 1;
            await member.DisconnectAsync();
            await Task.Delay(250);
        }
        Assert.Fail($"{member.UserId} could not connect and join again.");
    }

    /// <summary>How the room grain's id reads, as the faulty grain storage keys its planned faults.</summary>
    private static string RoomStateKey(string roomId) => $"room/{roomId}";

    /// <summary>Sends over the hub, retrying with the same client message id (over REST when the hub fails) until acknowledged.</summary>
    private static async Task<MessageAck?> SendUntilAcknowledgedAsync(TrackedMember member, string roomId, string clientMessageId, string text, Dictionary<string, int> counts)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                if (member.Live is { Hub.State: HubConnectionState.Connected } live) return await live.SendAsync(roomId, clientMessageId, text);
                var response = await member.Client.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId, text });
                if (response.IsSuccessStatusCode)
                {
                    var message = (await response.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json))!;
                    return new MessageAck(message.RoomId, message.Seq, message.MessageId, message.SentAt, response.StatusCode == HttpStatusCode.OK, message.Epoch);
                }
                if (response.StatusCode == HttpStatusCode.Forbidden) return null;
            }
            catch (Microsoft.AspNetCore.SignalR.HubException refused) when (HubErrors.Of(refused).StartsWith("forbidden:", StringComparison.Ordinal))
            {
                return null;
            }
            catch (Exception)
            {
            }
            counts["send retries"] = counts.GetValueOrDefault("send retries") + 1;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{member.UserId}'s send {clientMessageId} was never acknowledged.");
    }

    /// <summary>Everyone ends connected (online or away, as they last chose); then one leaves and goes offline.</summary>
    private static async Task AssertPresenceMatchesConnectionsAsync(ChatTestClient observer, List<TrackedMember> members)
    {
        await EventuallyAsync(observer, members, s => s is "online" or "away");
        await members[0].DisconnectAsync();
        await EventuallyAsync(observer, members.Take(1), s => s == "offline");
    }

    private static async Task EventuallyAsync(ChatTestClient observer, IEnumerable<TrackedMember> members, Func<string?, bool> expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var statuses = await Task.WhenAll(members.Select(async m =>
                (await observer.GetAsync<JsonElement>($"/api/users/{m.UserId}/presence")).GetProperty("status").GetString()));
            if (statuses.All(expected)) return;
            Assert.True(attempt < 50, $"Presence does not match the open connections: {string.Join(", ", statuses)}");
            await Task.Delay(200);
        }
    }

    private void Report(int seed, Dictionary<string, int> counts, int acknowledged, int stored, List<TrackedMember> members)
    {
        var pushes = members.Select(m => m.Pushes).ToList();
        output.WriteLine($"seed {seed}: {Steps} steps, {acknowledged} acknowledged, {stored} stored; pushes {pushes.Sum(p => p.Pushes)}, " +
                         $"duplicates {pushes.Sum(p => p.Duplicates)}, gaps {pushes.Sum(p => p.Gaps)}, leaks {members.Sum(m => m.Leaks)}");
        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        foreach (var member in members.Where(m => m.Leaks > 0 || m.Pushes.Duplicates > 0 || m.Pushes.Gaps > 0)) output.WriteLine($"{member.UserId}: {member.Story}");
    }
}
