using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests.Infrastructure;

/// <summary>
/// Bob, on the second web node, owns a public room that Alice, on the first, has joined: stopping the first node
/// cuts Alice off while Bob carries on.
/// </summary>
public sealed record SplitRoom(RecordingClient Bob, RecordingClient Alice, Room Room) : IAsyncDisposable
{
    public static async Task<SplitRoom> StartAsync(ChatSystem system, string name)
    {
        var bob = await RecordingClient.ConnectAsync(system.Nodes[1].BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync(name, visibility: "public");
        var alice = await RecordingClient.ConnectAsync(system.Nodes[0].BaseAddress, "alice");
        await alice.Connection.JoinRoomAsync(room.RoomId);
        return new SplitRoom(bob, alice, room);
    }

    public async ValueTask DisposeAsync()
    {
        await Alice.DisposeAsync();
        await Bob.DisposeAsync();
    }
}
