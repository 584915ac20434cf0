using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests.TypeScript;

/// <summary>
/// <c>@orleanschat/client</c> under Node 20 with tokens that last seconds: it asks the application's token hook
/// again as they end, and its connection, closed with each token, loses nothing.
/// </summary>
[Collection(WaitingOnTheClockFirst.Name)]
public sealed class TypeScriptTokenHookTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        // Short enough that the hook is asked again within the test, long enough for a busy machine.
        ["Chat:Auth:TokenLifetime"] = "00:00:10",
        ["Chat:Auth:SessionLifetime"] = "00:05:00",
        ["Chat:Auth:ClockSkew"] = "00:00:00",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_token_hook_is_asked_again_as_tokens_end_and_nothing_is_lost_meanwhile()
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
