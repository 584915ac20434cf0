using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Rooms;

/// <summary>
/// A user's room list, as <c>GET /api/rooms</c> gives it: every room they are in, with the last seq and their unread
/// count as receipts move it, and none they were removed from.
/// </summary>
public sealed class RoomListTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task The_room_list_counts_unread_messages_per_room_and_drops_a_room_the_user_was_removed_from()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        var rooms = new List<Room>();
        for (var i = 0; i < 12; i++)
        {
            var room = await alice.CreateRoomAsync($"List {i:D2}");
            await alice.AddMemberAsync(room.RoomId, bob.UserId);
            // Room i gets i % 4 messages.
            for (var m = 0; m < i % 4; m++)
            {
                var sent = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = $"m-{m}", text = $"message {m}" });
                Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            }
            rooms.Add(room);
        }
        var bobLive = await bob.ConnectAsync();
        await bobLive.JoinRoomAsync(rooms[3].RoomId);
        await bobLive.Hub.InvokeAsync("MarkRead", rooms[3].RoomId, 2L);

        var listed = (await bob.GetAsync<Room[]>("/api/rooms")).Where(r => r.Name.StartsWith("List ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(rooms.Select(r => r.Name), listed.Select(r => r.Name));
        Assert.Equal(rooms.Select((_, i) => (long)(i % 4)), listed.Select(r => r.LastSeq));
        Assert.Equal(rooms.Select((_, i) => i == 3 ? 1L : i % 4), listed.Select(r => r.UnreadCount!.Value));

        var removed = await alice.Http.DeleteAsync($"/api/rooms/{rooms[5].RoomId}/members/{bob.UserId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var after = (await bob.GetAsync<Room[]>("/api/rooms")).Select(r => r.RoomId).ToArray();
        Assert.DoesNotContain(rooms[5].RoomId, after);
        Assert.Contains(rooms[4].RoomId, after);
    }
}
