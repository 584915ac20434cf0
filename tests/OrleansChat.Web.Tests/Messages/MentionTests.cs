using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Messages;

/// <summary>@mentions: recognised for members only, counted in the room list until read, told on all the member's connections.</summary>
public sealed class MentionTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task A_mention_reaches_the_members_connection_that_never_joined_the_room_and_counts_until_read()
    {
        await using var pair = await System.RoomPairAsync("Mentions");
        var (room, alice, bob, aliceLive, _) = pair;
        await using var carol = await System.SignInAsync("carol");
        await alice.AddMemberAsync(room.RoomId, carol.UserId);
        var carolElsewhere = await carol.ConnectAsync();

        var sent = await aliceLive.SendAsync(room.RoomId, "m1", $"@{carol.UserId} and @{bob.UserId}: see mail@example.com, @nobody-here.");

        var mention = await ChatTestClient.NextAsync(carolElsewhere.Mentions);
        Assert.Equal((room.RoomId, room.Name, sent.Seq, alice.UserId), (mention.RoomId, mention.RoomName, mention.Seq, mention.SenderId));
        var stored = Assert.Single((await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
        Assert.Equal([carol.UserId, bob.UserId], stored.Mentions);
        Assert.Equal((1L, 1L), await CountsAsync(carol, room.RoomId));

        await carolElsewhere.Hub.InvokeAsync("MarkRead", room.RoomId, sent.Seq);
        Assert.Equal((0L, 0L), await CountsAsync(carol, room.RoomId));
    }

    [Fact]
    public async Task An_edit_that_drops_a_mention_and_a_deletion_take_it_out_of_the_count()
    {
        await using var pair = await System.RoomPairAsync("Edited mentions");
        var (room, _, bob, aliceLive, _) = pair;
        var first = await aliceLive.SendAsync(room.RoomId, "m1", $"hi @{bob.UserId}");
        var second = await aliceLive.SendAsync(room.RoomId, "m2", $"and again @{bob.UserId}");
        Assert.Equal((2L, 2L), await CountsAsync(bob, room.RoomId));

        var edited = await aliceLive.Hub.InvokeAsync<ChatMessage>("EditMessage", room.RoomId, first.Seq, "hi everyone");
        Assert.Null(edited.Mentions);
        Assert.Equal((2L, 1L), await CountsAsync(bob, room.RoomId));
        await aliceLive.Hub.InvokeAsync<ChatMessage>("DeleteMessage", room.RoomId, second.Seq);
        Assert.Equal((2L, 0L), await CountsAsync(bob, room.RoomId));
    }

    private static async Task<(long Unread, long Mentions)> CountsAsync(ChatTestClient client, string roomId)
    {
        var room = (await client.GetAsync<Room[]>("/api/rooms")).Single(r => r.RoomId == roomId);
        return (room.UnreadCount!.Value, room.MentionCount!.Value);
    }
}
