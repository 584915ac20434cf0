using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Client.Tests.TypeScript;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// Both clients against web nodes of a release before <c>RejoinRoom</c> (a rolling upgrade, or an application that
/// updated its client first): a reconnect rejoins with <c>JoinRoom</c> there, as clients did then, and misses nothing.
/// </summary>
public sealed class EarlierReleaseTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(webNodes: 2, settings: new()
    {
        [EarlierRelease.Setting] = "RejoinRoom",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_dotnet_client_rejoins_its_rooms_after_a_reconnect_and_misses_nothing()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("Older server");
        await using var alice = await RecordingClient.ConnectAsync(_system.Nodes[0].BaseAddress, "alice");
        await bob.Api.AddMemberAsync(room.RoomId, alice.UserId);
        await alice.Connection.JoinRoomAsync(room.RoomId);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Connection.Reconnected += () => reconnected.TrySetResult();
        await bob.Connection.SendAsync(room.RoomId, "before");
        await alice.WaitForMessagesAsync(1);

        await _system.StopWebNodeAsync(0);
        await bob.Api.SendMessageAsync(room.RoomId, "away-1", "while away");
        _system.StartWebNode(0);
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await bob.Connection.SendAsync(room.RoomId, "after");

        await alice.WaitForMessagesAsync(3);
        Assert.Equal(["before", "while away", "after"], alice.Messages.Select(m => m.Text));
        Assert.Equal([room.RoomId], alice.Connection.Rooms);
    }

    [Fact]
    public async Task The_javascript_client_rejoins_its_room_after_a_reconnect_and_misses_nothing()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("Older server, TypeScript", visibility: "public");
        await using var alice = await NodeChatClient.StartAsync(_system.Nodes[0].BaseAddress, "alice", room.RoomId);
        await bob.Connection.SendAsync(room.RoomId, "before");
        await alice.WaitForMessagesAsync(1);

        await _system.StopWebNodeAsync(0);
        await bob.Api.SendMessageAsync(room.RoomId, "away-1", "while away");
        _system.StartWebNode(0);
        await alice.WaitForMessagesAsync(2);
        await bob.Connection.SendAsync(room.RoomId, "after");

        await alice.WaitForMessagesAsync(3);
        Assert.Equal(["before", "while away", "after"], alice.Delivered.OrderBy(m => m.Seq).Select(m => m.Text));
    }
}
