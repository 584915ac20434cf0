using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Client.Tests.TypeScript;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// Tokens that last seconds: each client library (.NET, and <c>@orleanschat/client</c> under Node 20) asks the
/// application's hook for fresh ones before they end, the hub connection that closes with its token comes back with
/// the renewed one, and nothing is lost meanwhile.
/// </summary>
[Collection(WaitingOnTheClockFirst.Name)]
public sealed class TokenRenewalTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        // Short enough for three lifetimes in a test, long enough that a busy shared machine renews in time.
        ["Chat:Auth:TokenLifetime"] = "00:00:10",
        ["Chat:Auth:SessionLifetime"] = "00:05:00",
        ["Chat:Auth:ClockSkew"] = "00:00:00",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_hook_renews_tokens_before_they_end_and_the_connection_keeps_delivering_with_nothing_lost()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "bob");
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        var room = await bob.Api.CreateRoomAsync("Renewal");
        await bob.Api.AddMemberAsync(room.RoomId, alice.UserId);
        await alice.Connection.JoinRoomAsync(room.RoomId);

        // Three token lifetimes, a message a second.
        for (var i = 1; i <= 30; i++)
        {
            await bob.Connection.SendAsync(room.RoomId, $"m{i}").WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await alice.WaitForMessagesAsync(30);
        var rooms = await alice.Api.ListRoomsAsync();
        var ack = await alice.Connection.SendAsync(room.RoomId, "still here").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(alice.TokenRequests >= 3, $"The hook was asked {alice.TokenRequests} times in three token lifetimes.");
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"m{i}"), alice.Messages.Take(30).Select(m => m.Text));
        Assert.Contains(rooms, r => r.RoomId == room.RoomId);
        Assert.Equal(31, ack.Seq);
    }

    [Fact]
    public async Task The_javascript_clients_token_hook_is_asked_again_as_tokens_end_and_nothing_is_lost_meanwhile()
    {
        await using var bob = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "bob");
        var room = await bob.Api.CreateRoomAsync("TypeScript renewal", visibility: "public");
        await using var alice = await NodeChatClient.StartAsync(_system.Web.BaseAddress, "alice", room.RoomId);

        // Two and a half token lifetimes, a message a second.
        for (var i = 1; i <= 25; i++)
        {
            await bob.Connection.SendAsync(room.RoomId, $"m{i}").WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await alice.WaitForMessagesAsync(25);
        await alice.SendAsync("still here");
        await alice.WaitForMessagesAsync(26);

        Assert.True(alice.TokenRequests >= 3, $"The hook was asked {alice.TokenRequests} times in two and a half token lifetimes.");
        Assert.Equal([.. Enumerable.Range(1, 25).Select(i => $"m{i}"), "still here"], alice.Delivered.OrderBy(m => m.Seq).Select(m => m.Text));
    }
}
