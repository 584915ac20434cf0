using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Limits;

/// <summary>
/// U+0000 in any text is refused as invalid, over REST and the hub, and changes nothing: PostgreSQL cannot store it,
/// so the embedded mode takes exactly what a cluster can.
/// </summary>
public sealed class NulCharacterTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    [Fact]
    public async Task Text_holding_a_NUL_character_is_refused_as_invalid_naming_its_field_and_nothing_is_stored()
    {
        await using var pair = await fixture.System.RoomPairAsync("Nul");
        var (room, alice, bob, aliceLive, _) = pair;

        await AssertRefusedAsync(await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "c1", text = "a\0b" }), "text");
        await AssertRefusedAsync(await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "c\0", text = "ab" }), "clientMessageId");
        await AssertRefusedAsync(await alice.PostAsync("/api/rooms", new { name = "Nul\0room" }), "name");
        await AssertRefusedAsync(await alice.Http.GetAsync("/api/search?q=a%00b"), "q");
        await AssertRefusedAsync(await alice.PostAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = "hi\0" } } }), "messages.content");
        foreach (var (clientMessageId, text) in new[] { ("c2", "x\0y"), ("c\0", "xy") })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => aliceLive.Hub.InvokeAsync<MessageAck>("SendMessage", room.RoomId, clientMessageId, text));
            Assert.Contains("HubException: invalid:", refused.Message);
            Assert.Contains("NUL", refused.Message);
        }

        Assert.Empty((await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages);
        Assert.DoesNotContain(await alice.GetAsync<Room[]>("/api/rooms"), r => r.Name.StartsWith("Nul", StringComparison.Ordinal) && r.RoomId != room.RoomId);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }
}
