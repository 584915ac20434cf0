using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;
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

    [Theory]
    [InlineData("name")]
    [InlineData("sub")]
    [InlineData("site")]
    public async Task A_token_whose_claims_hold_a_NUL_character_is_refused_with_401_over_REST_and_the_hub(string claim)
    {
        var web = fixture.System.Web;
        var userId = $"nul-{Guid.NewGuid():N}"[..24];
        var holder = claim switch
        {
            "name" => new ChatUser(userId, "Eve\0", UserRole.Member),
            "sub" => new ChatUser(userId + "\0", "Eve", UserRole.Member),
            _ => new ChatUser(userId, "Eve", UserRole.Agent, SiteId: "shop\0"),
        };
        var (token, _) = web.Services.GetRequiredService<TokenIssuer>().Issue(holder);
        await using var eve = ChatTestClient.WithToken(web, userId, token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await eve.PostAsync("/api/rooms", new { name = "Eve's room" })).StatusCode);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => eve.ConnectAsync());
        Assert.Contains("401", refused.Message);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("NUL", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }
}
