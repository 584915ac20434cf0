using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// A client cut off from its web node (the node stops; another node keeps the room going) comes back by itself,
/// rejoins with the highest seq it delivered, fills the rest over REST, and delivers every message once, in order.
/// </summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    // Bob sends as fast as the server takes it.
    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 2, settings: new() { ["Chat:Limits:MessagesPerMinute"] = "100000" });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Messages_sent_while_the_client_was_cut_off_arrive_once_and_in_order_after_it_reconnects()
    {
        await using var split = await SplitRoom.StartAsync(_system, "Catch-up");
        var (bob, alice, room) = split;
        for (var i = 1; i <= 3; i++) await bob.Connection.SendAsync(room.RoomId, $"before {i}");
        await alice.WaitForMessagesAsync(3);

        await _system.StopWebNodeAsync(0);
        // More than a snapshot's page: the rejoin brings the first page, REST the rest.
        for (var i = 1; i <= 70; i++) await bob.Connection.SendAsync(room.RoomId, $"away {i}");
        _system.StartWebNode(0);
        await alice.WaitForMessagesAsync(73);
        await bob.Connection.SendAsync(room.RoomId, "back");
        await alice.WaitForMessagesAsync(74);

        Assert.Equal(Enumerable.Range(1, 74).Select(i => (long)i), alice.Messages.Select(m => m.Seq));
        Assert.Equal([.. Enumerable.Range(1, 3).Select(i => $"before {i}"), .. Enumerable.Range(1, 70).Select(i => $"away {i}"), "back"],
            alice.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Messages_that_keep_coming_while_the_client_catches_up_are_delivered_once_each_in_order()
    {
        var senders = new List<RecordingClient>();
        for (var i = 0; i < 3; i++) senders.Add(await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, $"sender{i}"));
        var room = await senders[0].Api.CreateRoomAsync("Overlap", visibility: "public");
        foreach (var sender in senders.Skip(1)) await sender.Api.JoinRoomAsync(room.RoomId);
        await using var alice = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice");
        await alice.Connection.JoinRoomAsync(room.RoomId);
        var reconnected = new TaskCompletionSource();
        alice.Connection.Reconnected += () => reconnected.TrySetResult();

        // Three senders never stop while Alice is away and catching up: her rejoin's snapshot, the REST pages after
        // it and the live pushes that start after the snapshot overlap, and she must drop what she delivered already.
        using var stop = new CancellationTokenSource();
        var sent = 0;
        var sending = senders.Select((sender, index) => Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                await sender.Connection.SendAsync(room.RoomId, $"{index}:{n}");
                Interlocked.Increment(ref sent);
            }
        })).ToList();
        await alice.WaitForMessagesAsync(10);
        await _system.StopWebNodeAsync(0);
        await Eventually.TrueAsync(() => Volatile.Read(ref sent) >= 150, TimeSpan.FromSeconds(60), () => "150 messages sent");
        _system.StartWebNode(0);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var atReconnect = Volatile.Read(ref sent);
        await Eventually.TrueAsync(() => Volatile.Read(ref sent) >= atReconnect + 50, TimeSpan.FromSeconds(60), () => "50 more messages sent");
        await stop.CancelAsync();
        await Task.WhenAll(sending);
        await alice.WaitForMessagesAsync(sent);
        await Task.Delay(500);
        foreach (var sender in senders) await sender.DisposeAsync();

        Assert.Equal(Enumerable.Range(1, sent).Select(i => (long)i), alice.Messages.Select(m => m.Seq));
        for (var index = 0; index < senders.Count; index++)
        {
            var texts = alice.Messages.Where(m => m.Text.StartsWith($"{index}:", StringComparison.Ordinal)).Select(m => m.Text).ToList();
            Assert.Equal(Enumerable.Range(1, texts.Count).Select(n => $"{index}:{n}"), texts);
        }
    }

    [Fact]
    public async Task A_client_of_a_web_node_that_stops_reconnects_once_the_node_is_back_and_never_to_the_stopping_node()
    {
        await using var split = await SplitRoom.StartAsync(_system, "Stopping");
        var (bob, alice, room) = split;
        var reconnects = 0;
        alice.Connection.Reconnected += () => Interlocked.Increment(ref reconnects);

        // SignalR closes a node's connections as the node begins to stop, while it still listens for a moment: a
        // reconnect that got in then would hold the stop up until its shutdown timeout, and be cut again after it.
        await _system.StopWebNodeAsync(0);
        Assert.Equal(0, Volatile.Read(ref reconnects));

        _system.StartWebNode(0);
        await Eventually.TrueAsync(() => Volatile.Read(ref reconnects) >= 1, TimeSpan.FromSeconds(60), () => "a reconnect");
        Assert.Equal(1, Volatile.Read(ref reconnects));
        await bob.Connection.SendAsync(room.RoomId, "back");
        await alice.WaitForMessagesAsync(1);
    }

    [Fact]
    public async Task A_room_the_user_was_removed_from_while_away_is_reported_refused_at_the_reconnect_and_no_longer_followed()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("Members only");
        await using var alice = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice");
        await bob.Api.AddMemberAsync(room.RoomId, alice.UserId);
        await alice.Connection.JoinRoomAsync(room.RoomId);
        var refused = new TaskCompletionSource<RoomRefused>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Connection.RoomRefused += refusal => refused.TrySetResult(refusal);
        alice.Connection.Reconnected += () => reconnected.TrySetResult();

        // Removed while her node is down, so that nothing tells her before her reconnect's rejoin is refused.
        await _system.StopWebNodeAsync(0);
        await bob.Api.RemoveMemberAsync(room.RoomId, alice.UserId);
        _system.StartWebNode(0);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(90));

        // Told before the reconnect was: the application never believes it still follows the room.
        Assert.True(refused.Task.IsCompletedSuccessfully);
        var refusal = await refused.Task;
        Assert.Equal(room.RoomId, refusal.RoomId);
        Assert.Equal("forbidden", refusal.Refusal.Word);
        Assert.Empty(alice.Connection.Rooms);
    }

    [Fact]
    public async Task A_public_room_left_on_another_device_is_no_longer_followed_and_no_reconnect_joins_it_again()
    {
        await using var setup = await PublicRoomOnTwoDevices.StartAsync(_system);
        var (alice, alicePhone) = (setup.Alice.Connection, setup.AlicePhone.Connection);
        var left = new TaskCompletionSource<RoomLeft>(TaskCreationOptions.RunContinuationsAsynchronously);
        var phoneTold = 0;
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.RoomLeft += roomLeft => left.TrySetResult(roomLeft);
        alicePhone.RoomLeft += _ => Interlocked.Increment(ref phoneTold);
        alice.Reconnected += () => reconnected.TrySetResult();

        await alicePhone.LeaveRoomAsync(setup.Room.RoomId);
        Assert.Equal(new RoomLeft(setup.Room.RoomId), await left.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(alice.Rooms);

        // Her other device reconnects (its node restarts): it must not join the room again, which a public room would
        // take as her coming back.
        await _system.RestartWebNodeAsync(0);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal([setup.Bob.UserId], await setup.MemberIdsAsync());
        Assert.Empty(alice.Rooms);
        // The device that left knew it: it is not told again.
        Assert.Equal(0, Volatile.Read(ref phoneTold));
    }

    [Fact]
    public async Task A_public_room_left_on_another_device_while_this_one_was_away_is_refused_at_its_reconnect_and_left_alone()
    {
        await using var setup = await PublicRoomOnTwoDevices.StartAsync(_system);
        var alice = setup.Alice.Connection;
        var refused = new TaskCompletionSource<RoomRefused>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.RoomRefused += refusal => refused.TrySetResult(refusal);
        alice.Reconnected += () => reconnected.TrySetResult();

        await _system.StopWebNodeAsync(0);
        await setup.AlicePhone.Connection.LeaveRoomAsync(setup.Room.RoomId);
        _system.StartWebNode(0);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(90));

        // Her reconnect asked to listen again, not to join: a join would have put her back in the room.
        Assert.Equal("forbidden", (await refused.Task.WaitAsync(TimeSpan.Zero)).Refusal.Word);
        Assert.Equal([setup.Bob.UserId], await setup.MemberIdsAsync());
        Assert.Empty(alice.Rooms);
    }

    /// <summary>Bob's public room, which Alice follows on two devices: on web node 0, and her phone on web node 1.</summary>
    private sealed class PublicRoomOnTwoDevices(RecordingClient bob, Room room, RecordingClient alice, RecordingClient alicePhone) : IAsyncDisposable
    {
        public RecordingClient Bob { get; } = bob;
        public Room Room { get; } = room;
        public RecordingClient Alice { get; } = alice;
        public RecordingClient AlicePhone { get; } = alicePhone;

        public static async Task<PublicRoomOnTwoDevices> StartAsync(ChatSystem system)
        {
            var bob = await RecordingClient.ConnectAsync(system.Nodes[1].BaseAddress, "bob");
            var room = await bob.Api.CreateRoomAsync("Open to all", visibility: "public");
            var alice = await RecordingClient.ConnectAsync(system.Nodes[0].BaseAddress, "alice");
            var alicePhone = await alice.AnotherDeviceAsync(system.Nodes[1].BaseAddress);
            await alice.Connection.JoinRoomAsync(room.RoomId);
            await alicePhone.Connection.JoinRoomAsync(room.RoomId);
            return new PublicRoomOnTwoDevices(bob, room, alice, alicePhone);
        }

        public async Task<List<string>> MemberIdsAsync() => [.. (await Bob.Api.GetRoomAsync(Room.RoomId)).Members!.Select(m => m.UserId)];

        public async ValueTask DisposeAsync()
        {
            await AlicePhone.DisposeAsync();
            await Alice.DisposeAsync();
            await Bob.DisposeAsync();
        }
    }
}
