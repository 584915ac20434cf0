using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests.TypeScript;

/// <summary>
/// <c>@orleanschat/client</c>, packed and installed as an integrator would, under Node 20 against a real system: it
/// catches up after being cut off, holds each message once, sends its outbox across a web node restart with each
/// message stored once and in order, and says when its user is out of its room. (Its token hook:
/// <see cref="TokenRenewalTests"/>.)
/// </summary>
public sealed class TypeScriptClientTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 2, settings: new()
    {
        ["Chat:Limits:MessagesPerMinute"] = "100000",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Messages_sent_while_it_was_cut_off_arrive_once_each_after_it_reconnects()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("TypeScript catch-up", visibility: "public");
        await using var alice = await NodeChatClient.StartAsync(_system.Nodes[0].BaseAddress, "alice", room.RoomId);
        for (var i = 1; i <= 3; i++) await bob.Connection.SendAsync(room.RoomId, $"before {i}");
        await alice.WaitForMessagesAsync(3);

        await _system.StopWebNodeAsync(0);
        // More than a snapshot's page: the rejoin brings one page, REST the rest.
        for (var i = 1; i <= 70; i++) await bob.Connection.SendAsync(room.RoomId, $"away {i}");
        _system.StartWebNode(0);
        await alice.WaitForMessagesAsync(73);
        await bob.Connection.SendAsync(room.RoomId, "back");
        await alice.WaitForMessagesAsync(74);

        var delivered = alice.Delivered;
        Assert.Equal(74, delivered.Count);
        Assert.Equal(Enumerable.Range(1, 74).Select(i => (long)i), delivered.Select(m => m.Seq).Order());
        Assert.Equal([.. Enumerable.Range(1, 3).Select(i => $"before {i}"), .. Enumerable.Range(1, 70).Select(i => $"away {i}"), "back"],
            delivered.OrderBy(m => m.Seq).Select(m => m.Text));
    }

    [Fact]
    public async Task Messages_written_across_a_web_node_restart_are_each_stored_once_in_the_order_written()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("TypeScript outbox", visibility: "public");
        await using var alice = await NodeChatClient.StartAsync(_system.Nodes[0].BaseAddress, "alice", room.RoomId);
        await bob.Connection.SendAsync(room.RoomId, "hello");
        await alice.WaitForMessagesAsync(1);

        for (var i = 1; i <= 10; i++) await alice.SendAsync($"m{i}");
        var restart = _system.RestartWebNodeAsync(0);
        for (var i = 11; i <= 30; i++) await alice.SendAsync($"m{i}");
        await restart;
        await alice.WaitForMessagesAsync(31);
        await Eventually.TrueAsync(() => alice.Pending == 0, TimeSpan.FromSeconds(60), () => $"an empty outbox (still {alice.Pending})");

        var stored = (await bob.Api.GetMessagesAsync(room.RoomId, limit: 100)).Messages.Where(m => m.SenderId == "alice").Select(m => m.Text);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"m{i}"), stored);
        Assert.Equal(31, alice.Delivered.Count);
    }

    [Fact]
    public async Task A_client_removed_from_its_room_while_away_says_refused_and_its_unsent_message_fails_with_the_servers_answer()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("TypeScript members only");
        var userId = $"alice-{Guid.NewGuid():N}"[..24];
        await bob.Api.AddMemberAsync(room.RoomId, userId);
        await using var alice = await NodeChatClient.StartAsync(_system.Nodes[0].BaseAddress, userId, room.RoomId);
        await bob.Connection.SendAsync(room.RoomId, "welcome");
        await alice.WaitForMessagesAsync(1);

        await _system.StopWebNodeAsync(0);
        await alice.SendAsync("written while away");
        await bob.Api.RemoveMemberAsync(room.RoomId, userId);
        _system.StartWebNode(0);

        // On the code before, it went on reconnecting and being refused, telling reconnecting and connecting forever,
        // and its message waited as sending.
        await Eventually.TrueAsync(() => alice.States.Contains("refused") && alice.Failures.Count == 1, TimeSpan.FromSeconds(90),
            () => $"the state refused and one failed message (told: {string.Join(", ", alice.States)}; failed: {alice.Failures.Count}; stderr: {alice.Errors})");
        // The REST send's refusal, in the server's words.
        Assert.Equal($"You are not a member of room '{room.RoomId}'.", alice.Failures[0]);
    }

    [Fact]
    public async Task A_client_whose_user_left_its_public_room_on_another_device_says_left_and_never_joins_it_again()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("TypeScript open room", visibility: "public");
        var userId = $"alice-{Guid.NewGuid():N}"[..24];
        await using var alicePhone = await RecordingClient.ConnectAsUserAsync(_system.Nodes[1].BaseAddress, userId, "alice");
        await alicePhone.Connection.JoinRoomAsync(room.RoomId);
        await using var alice = await NodeChatClient.StartAsync(_system.Nodes[0].BaseAddress, userId, room.RoomId);
        await bob.Connection.SendAsync(room.RoomId, "welcome");
        await alice.WaitForMessagesAsync(1);

        await alicePhone.Connection.LeaveRoomAsync(room.RoomId);
        await Eventually.TrueAsync(() => alice.States.Contains("left"), TimeSpan.FromSeconds(30),
            () => $"the state left (told: {string.Join(", ", alice.States)}; stderr: {alice.Errors})");
        // Its node restarts: nothing reconnects, so nothing joins her again, and what she writes now is refused.
        await _system.RestartWebNodeAsync(0);
        await alice.SendAsync("written after leaving");
        await Eventually.TrueAsync(() => alice.Failures.Count == 1, TimeSpan.FromSeconds(60),
            () => $"one failed message (stderr: {alice.Errors})");

        // The REST send's refusal, in the server's words.
        Assert.Equal($"You are not a member of room '{room.RoomId}'.", alice.Failures[0]);
        Assert.Equal("left", alice.States[^1]);
        Assert.Equal(new[] { bob.UserId }, (await bob.Api.GetRoomAsync(room.RoomId)).Members!.Select(m => m.UserId));
    }
}
