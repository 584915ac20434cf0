using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>A site without the assistant (<c>Chat:Ai:SupportBot</c> false): visitors go straight to the humans.</summary>
public sealed class SupportWithoutBotTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ShopSite.StartWithoutBotAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_visitors_first_message_waits_for_an_agent_and_no_assistant_answers()
    {
        var session = await _system.OpenVisitorSessionAsync("shop", ShopSite.Origin);
        using var visitor = _system.Web.CreateHttpClient();
        visitor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        var roomId = session.GetProperty("roomId").GetString()!;

        await visitor.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = "q-1", text = "How long do I have to return a jacket?" });

        JsonElement conversation = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            conversation = await (await visitor.PostAsJsonAsync("/api/support/conversations", new { siteId = "shop" })).Content.ReadFromJsonAsync<JsonElement>(Json);
            if (conversation.GetProperty("status").GetString() != "bot") break;
            await Task.Delay(100);
        }
        Assert.Equal(("waiting", 1), (conversation.GetProperty("status").GetString(), conversation.GetProperty("position").GetInt32()));
        var messages = (await visitor.GetFromJsonAsync<MessagePage>($"/api/rooms/{roomId}/messages", Json))!.Messages;
        Assert.DoesNotContain(messages, m => m.Kind == MessageKind.Assistant);
    }
}
