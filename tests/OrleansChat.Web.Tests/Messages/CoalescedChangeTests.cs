using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>
/// A storm of reactions by members who do not listen, into a room where one member's connection asked for
/// <c>coalesced-changes</c> and another's did not (an older client). Pushes are held for half a second, so that each
/// carries many changes to the same emoji.
/// </summary>
public sealed class CoalescedChangeTests
{
    private static readonly string[] Emoji = ["👍", "🎉"];

    [Fact]
    public async Task A_coalescing_connection_gets_fewer_changes_that_end_in_the_rooms_state_and_an_older_client_gets_every_change()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Rooms:ChangePushInterval"] = "00:00:00.500" });
        var alice = await system.SignInAsync("alice");
        var bob = await system.SignInAsync("bob");
        var carol = await system.SignInAsync("carol");
        var room = await alice.CreateRoomAsync("Storm");
        var reactors = new List<ChatTestClient>();
        for (var i = 0; i < 6; i++) reactors.Add(await system.SignInAsync($"reactor{i}"));
        foreach (var member in reactors.Append(bob).Append(carol)) await alice.AddMemberAsync(room.RoomId, member.UserId);
        var older = new ReplicaClient(bob, room.RoomId);
        var coalescing = new ReplicaClient(carol, room.RoomId, coalesced: true);
        await older.ConnectAsync();
        await coalescing.ConnectAsync();
        var hot = await coalescing.Live!.SendAsync(room.RoomId, "hot", "react to this");

        // Carol's own reactions in the storm: the coalesced pushes keep them, for her "me".
        var carols = coalescing.Live.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, hot.Seq, "👍", true);
        await Task.WhenAll(reactors.Select(reactor => ToggleAsync(reactor, room.RoomId, hot.Seq, toggles: 9)).Append(carols));
        await coalescing.Live.Hub.InvokeAsync<ChatMessage>("SetReaction", room.RoomId, hot.Seq, "🎉", true);
        var lastChange = (await alice.GetAsync<ChangePage>($"/api/rooms/{room.RoomId}/changes?after=0&limit=1")).LastChange;
        await CatchUpAsync(older, lastChange);
        await CatchUpAsync(coalescing, lastChange);

        Assert.Equal(6 * 9 * Emoji.Length + 2, lastChange);
        Assert.Equal(lastChange, older.PushedChanges);
        Assert.Equal(0, older.CoalescedPushes);
        Assert.InRange(coalescing.PushedChanges, 2, lastChange - 1);
        Assert.True(coalescing.CoalescedPushes > 0);
        Assert.DoesNotContain(older.Journal.Concat(coalescing.Journal), entry => entry.Contains("gap"));
        Assert.Equal(await ViewAsync(bob, room.RoomId), older.Replica.Messages.Select(RoomReplica.Describe));
        Assert.Equal(await ViewAsync(carol, room.RoomId), coalescing.Replica.Messages.Select(RoomReplica.Describe));
        Assert.Equal([new Reaction("👍", 7, Me: true), new Reaction("🎉", 7, Me: true)], coalescing.Replica.Messages.Single(m => m.Seq == hot.Seq).Reactions);
    }

    /// <summary>A member who does not listen turns each emoji on and off in turn, ending with it on.</summary>
    private static async Task ToggleAsync(ChatTestClient reactor, string roomId, long seq, int toggles)
    {
        for (var toggle = 0; toggle < toggles; toggle++)
        {
            foreach (var emoji in Emoji)
            {
                var path = $"/api/rooms/{roomId}/messages/{seq}/reactions/{Uri.EscapeDataString(emoji)}";
                var response = toggle % 2 == 0 ? await reactor.Http.PutAsync(path, null) : await reactor.Http.DeleteAsync(path);
                response.EnsureSuccessStatusCode();
            }
        }
    }

    private static async Task CatchUpAsync(ReplicaClient client, long lastChange)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (client.Replica.Cursor < lastChange && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            await client.ReadAsync();
        }
        Assert.True(client.Replica.Cursor >= lastChange, $"{client.User.UserId} reached change {client.Replica.Cursor} of {lastChange}: {string.Join(" / ", client.Journal)}");
    }

    private static async Task<IEnumerable<string>> ViewAsync(ChatTestClient member, string roomId) =>
        (await member.GetAsync<MessagePage>($"/api/rooms/{roomId}/messages")).Messages.Select(RoomReplica.Describe);
}
