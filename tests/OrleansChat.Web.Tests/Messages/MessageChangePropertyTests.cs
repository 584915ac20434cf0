using System.Net;
using System.Net.Http.Json;
using CsCheck;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>
/// Random interleavings of sends (some replies), edits, deletions (the room's owner deletes anyone's), reactions,
/// disconnects and reconnects from older cursors, by 2-4 members of one room through the hub and REST of the real
/// embedded system, and storms of reactions by members who do not listen; members read their pushes at random
/// moments, every other one taking changes coalesced. When it is over and every client has caught up to the room's
/// last seq and last change, each client's copy must be exactly the room as that member reads it over REST. CsCheck
/// shrinks a failing run and prints its steps.
/// </summary>
public sealed class MessageChangePropertyTests(PropertySystemFixture fixture, ITestOutputHelper output) : IClassFixture<PropertySystemFixture>
{
    private static readonly string[] Emoji = ["👍", "🎉", "❤️"];
    private const int Bystanders = 4;

    [Fact]
    public async Task Every_client_ends_with_exactly_the_rooms_final_state()
    {
        await Scenarios.SampleAsync(RunAsync, writeLine: output.WriteLine, iter: Iterations, threads: 2, print: s => s.ToString());
    }

    private static long Iterations => long.TryParse(Environment.GetEnvironmentVariable("ORLEANSCHAT_PROPERTY_ITERATIONS"), out var n) ? n : 30;

    private static Gen<Scenario> Scenarios =>
        from users in Gen.Int[2, 4]
        from rounds in RoundOf(users).Array[4, 24]
        select new Scenario(users, rounds);

    /// <summary>A round: one to three changes to the room made at once, then one client step.</summary>
    private static Gen<Round> RoundOf(int users)
    {
        var user = Gen.Int[0, users - 1];
        var pick = Gen.Int[0, 63];
        var action = Gen.Frequency(
            (5, Gen.Select(user, Gen.Int[-3, 63], Gen.Bool, (u, r, rest) => (Step)new Send(u, r < 0 ? null : r, rest))),
            (3, Gen.Select(user, pick, Gen.Bool, (u, p, rest) => (Step)new Edit(u, p, rest))),
            (2, Gen.Select(user, pick, Gen.Bool, (u, p, rest) => (Step)new Delete(u, p, rest))),
            (4, Gen.Select(user, pick, Gen.Int[0, Emoji.Length - 1], Gen.Bool, Gen.Bool).Select(t => (Step)new React(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5))),
            (1, Gen.Select(pick, Gen.Int[0, Emoji.Length - 1], Gen.Int[1, 8], (p, e, t) => (Step)new Storm(p, e, t))));
        var client = Gen.Frequency(
            (4, user.Select(u => (Step)new Read(u))),
            (1, user.Select(u => (Step)new Disconnect(u))),
            (2, Gen.Select(user, Gen.Int[0, 4], Gen.Int[0, 6], (u, s, c) => (Step)new Reconnect(u, s, c))),
            (2, Gen.Const<Step>(new Pause())));
        return Gen.Select(action.Array[1, 3], client, (a, c) => new Round(a, c));
    }

    private async Task RunAsync(Scenario scenario)
    {
        var system = fixture.System;
        var members = new List<ChatTestClient>();
        for (var i = 0; i < scenario.Users; i++) members.Add(await system.SignInAsync($"u{i}"));
        var bystanders = new List<ChatTestClient>();
        // Fresh ids each run: their storms stay clear of the per-user allowances.
        for (var i = 0; i < Bystanders; i++) bystanders.Add(await system.SignInAsync($"b{i}-{Guid.NewGuid():N}"[..12]));
        try
        {
            var room = await members[0].CreateRoomAsync("Property");
            foreach (var member in members.Skip(1).Concat(bystanders)) await members[0].AddMemberAsync(room.RoomId, member.UserId);
            var clients = members.Select((m, i) => new ReplicaClient(m, room.RoomId, coalesced: i % 2 == 1)).ToList();
            foreach (var client in clients) await client.ConnectAsync();
            var ledger = new RoomLedger(room.RoomId);
            foreach (var round in scenario.Rounds)
            {
                await Task.WhenAll(round.Actions.Select((step, i) =>
                    step is Storm storm ? StormAsync(ledger, bystanders, storm) : ActAsync(ledger, clients[step.User], step, i)));
                await ClientStepAsync(clients, round.Client);
            }
            await QuiesceAsync(room.RoomId, members[0], clients);
            foreach (var client in clients) await AssertSameAsLogAsync(room.RoomId, client);
            output.WriteLine($"coalesced pushes: {string.Join(", ", clients.Select(c => c.CoalescedPushes))}");
        }
        finally
        {
            foreach (var member in members.Concat(bystanders)) await member.DisposeAsync();
        }
    }

    private static async Task ActAsync(RoomLedger room, ReplicaClient client, Step step, int index)
    {
        var hub = client.Live?.Hub;
        var http = client.User;
        var path = $"/api/rooms/{room.RoomId}/messages";
        try
        {
            switch (step)
            {
                case Send send:
                    var request = new { clientMessageId = Guid.NewGuid().ToString("N"), text = $"{client.User.UserId[..2]} says {index}", replyTo = room.Any(send.ReplyTo) };
                    long seq;
                    if (send.Rest || hub is null)
                    {
                        var response = await http.PostAsync(path, request);
                        await Refusal(response);
                        seq = (await response.Content.ReadFromJsonAsync<ChatMessage>(ChatTestClient.Json))!.Seq;
                    }
                    else seq = (await hub.InvokeAsync<MessageAck>("PostMessage", room.RoomId, request)).Seq;
                    room.Sent(seq, client.User.UserId);
                    break;
                case Edit edit when room.Own(client.User.UserId, edit.Pick) is { } own:
                    var text = $"edited {Guid.NewGuid():N}"[..16];
                    if (edit.Rest || hub is null) await Refusal(await http.Http.PutAsJsonAsync($"{path}/{own}", new { text }, ChatTestClient.Json));
                    else await hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, own, text);
                    break;
                case Delete delete when room.Any(delete.Pick) is { } any:
                    if (delete.Rest || hub is null) await Refusal(await http.Http.DeleteAsync($"{path}/{any}"));
                    else await hub.InvokeAsync<ChatMessage>("DeleteMessage", room.RoomId, any);
                    break;
                case React react when room.Any(react.Pick) is { } target:
                    var emoji = Emoji[react.Emoji];
                    var reactionPath = $"{path}/{target}/reactions/{Uri.EscapeDataString(emoji)}";
                    if (react.Rest || hub is null) await Refusal(react.Reacted ? await http.Http.PutAsync(reactionPath, null) : await http.Http.DeleteAsync(reactionPath));
                    else await hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, target, emoji, react.Reacted);
                    break;
            }
        }
        catch (HubException refused) when (HubErrors.Of(refused) is { } word && (word.StartsWith("forbidden:") || word.StartsWith("conflict:")))
        {
            // Someone else's message, or a deleted one: refused, and nothing changed.
        }
        catch (RefusedException)
        {
        }
    }

    /// <summary>
    /// Members who do not listen toggle emoji on one message, each in turn and all at once, over REST: two of them on
    /// one emoji, two on the next, so that counts pass 1 and emoji come and go in between one another.
    /// </summary>
    private static async Task StormAsync(RoomLedger room, List<ChatTestClient> bystanders, Storm storm)
    {
        if (room.Any(storm.Pick) is not { } target) return;
        await Task.WhenAll(bystanders.Select(async (bystander, i) =>
        {
            var emoji = Emoji[(storm.Emoji + i / 2) % Emoji.Length];
            var path = $"/api/rooms/{room.RoomId}/messages/{target}/reactions/{Uri.EscapeDataString(emoji)}";
            for (var toggle = 0; toggle < storm.Toggles; toggle++)
            {
                try
                {
                    await Refusal(toggle % 2 == 0 ? await bystander.Http.PutAsync(path, null) : await bystander.Http.DeleteAsync(path));
                }
                catch (RefusedException)
                {
                    return;
                }
            }
        }));
    }

    /// <summary>Refusals the random steps run into (someone else's message, a deleted one) are fine; any other failure is not.</summary>
    private static async Task Refusal(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict) throw new RefusedException();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task ClientStepAsync(List<ReplicaClient> clients, Step step)
    {
        switch (step)
        {
            case Read read:
                await clients[read.User].ReadAsync();
                break;
            case Disconnect disconnect:
                await clients[disconnect.User].DisconnectAsync();
                break;
            case Reconnect reconnect:
                await clients[reconnect.User].ReadAsync();
                await clients[reconnect.User].ConnectAsync(reconnect.SeqsBack, reconnect.ChangesBack);
                break;
            case Pause:
                await Task.Delay(5);
                break;
        }
    }

    /// <summary>Every client comes back if it is away, and reads until it holds the room's last seq and last change.</summary>
    private static async Task QuiesceAsync(string roomId, ChatTestClient owner, List<ReplicaClient> clients)
    {
        foreach (var client in clients.Where(c => c.Live is null)) await client.ConnectAsync();
        var lastChange = (await owner.GetAsync<ChangePage>($"/api/rooms/{roomId}/changes?after=0&limit=1")).LastChange;
        var lastSeq = (await owner.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages?limit=1")).LastSeq;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            foreach (var client in clients) await client.ReadAsync();
            var behind = clients.Where(c => c.Replica.Cursor < lastChange || c.Replica.ContiguousSeq < lastSeq).ToList();
            if (behind.Count == 0) return;
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Not caught up to seq {lastSeq} and change {lastChange}: " + string.Join("; ", behind.Select(c =>
                    $"{c.User.UserId} at seq {c.Replica.ContiguousSeq}, change {c.Replica.Cursor} ({string.Join(" / ", c.Journal)})")));
            }
            await Task.Delay(20);
        }
    }

    private static async Task AssertSameAsLogAsync(string roomId, ReplicaClient client)
    {
        var log = new List<ChatMessage>();
        while (true)
        {
            var page = await client.User.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages?after={log.Count}&limit=200");
            log.AddRange(page.Messages);
            if (!page.HasMore || page.Messages.Count == 0) break;
        }
        var expected = log.Select(RoomReplica.Describe).ToList();
        var actual = client.Replica.Messages.Select(RoomReplica.Describe).ToList();
        if (expected.SequenceEqual(actual)) return;
        var differences = expected.Zip(actual).Where(p => p.First != p.Second).Select(p => $"log:    {p.First}\nclient: {p.Second}");
        throw new Xunit.Sdk.XunitException(
            $"{client.User.UserId} holds {actual.Count} messages, the log {expected.Count}; differences:\n{string.Join("\n", differences)}\n" +
            $"client journal: {string.Join(" / ", client.Journal)}");
    }

    private sealed class RefusedException() : Exception("refused");

    /// <summary>What the steps sent, so that a step can pick a message (by index, wrapping) that exists.</summary>
    private sealed class RoomLedger(string roomId)
    {
        private readonly List<(long Seq, string Sender)> _sent = [];

        public string RoomId => roomId;

        public void Sent(long seq, string sender)
        {
            lock (_sent) _sent.Add((seq, sender));
        }

        public long? Any(int? pick)
        {
            lock (_sent) return pick is { } p && _sent.Count > 0 ? _sent[p % _sent.Count].Seq : null;
        }

        public long? Own(string sender, int pick)
        {
            lock (_sent)
            {
                var own = _sent.Where(s => s.Sender == sender).ToList();
                return own.Count > 0 ? own[pick % own.Count].Seq : null;
            }
        }
    }

    public sealed record Scenario(int Users, Round[] Rounds)
    {
        public override string ToString() =>
            $"{Users} members; rounds:\n" + string.Join("\n", Rounds.Select((r, i) => $"  {i}: {string.Join(" | ", r.Actions.Select(a => a.ToString()))} ; then {r.Client}"));
    }

    public sealed record Round(Step[] Actions, Step Client);

    public abstract record Step(int User);
    public sealed record Send(int User, int? ReplyTo, bool Rest) : Step(User);
    public sealed record Edit(int User, int Pick, bool Rest) : Step(User);
    public sealed record Delete(int User, int Pick, bool Rest) : Step(User);
    public sealed record React(int User, int Pick, int Emoji, bool Reacted, bool Rest) : Step(User);
    public sealed record Read(int User) : Step(User);
    public sealed record Disconnect(int User) : Step(User);
    public sealed record Reconnect(int User, int SeqsBack, int ChangesBack) : Step(User);
    public sealed record Pause() : Step(0);
    public sealed record Storm(int Pick, int Emoji, int Toggles) : Step(0);
}

/// <summary>The embedded system for the property test: its many connections from one address are not throttled.</summary>
public sealed class PropertySystemFixture : IAsyncLifetime
{
    public ChatSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Limits:ConnectionAttemptsPerAddressPerMinute"] = "100000",
    });

    public async Task DisposeAsync() => await System.DisposeAsync();
}
