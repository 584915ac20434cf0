using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// The bot answers from the stored message, on the silo: a send over the hub and its retry over REST get one answer,
/// and an answer survives the web node that took the send going away at once.
/// </summary>
public sealed class SupportBotPathTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ShopSite.StartSystemAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_question_sent_over_the_hub_and_retried_over_rest_gets_one_answer()
    {
        var (token, userId, roomId) = await VisitorSessionAsync();
        await using var visitor = ChatTestClient.WithToken(_system.Web, userId, token);
        var live = await visitor.ConnectAsync();
        using var http = Authorized(token);

        await live.Hub.InvokeAsync<JsonElement>("SendMessage", roomId, "q-1", "How long do I have to return a jacket?");
        var retry = await http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = "q-1", text = "How long do I have to return a jacket?" });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var answer = await AnswerAsync(http, roomId);
        Assert.Contains("within 30 days", answer.Text);
        // Time for a second answer, were anything to start one.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single((await MessagesAsync(http, roomId)).Messages, m => m.Kind == MessageKind.Assistant);
    }

    [Fact]
    public async Task A_visitor_whose_web_node_goes_away_right_after_the_send_gets_the_answer_on_the_next_one()
    {
        var (token, _, roomId) = await VisitorSessionAsync();
        using (var http = Authorized(token))
        {
            var sent = await http.PostAsJsonAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = "q-1", text = "Which payment methods do you accept?" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        await _system.RestartWebNodeAsync(0);

        using var again = Authorized(token);
        var answer = await AnswerAsync(again, roomId);
        Assert.Contains("PayPal", answer.Text);
    }

    private async Task<(string Token, string UserId, string RoomId)> VisitorSessionAsync()
    {
        var session = await _system.OpenVisitorSessionAsync(ShopSite.Id, ShopSite.Origin);
        return (session.GetProperty("accessToken").GetString()!, session.GetProperty("user").GetProperty("userId").GetString()!,
            session.GetProperty("roomId").GetString()!);
    }

    private static async Task<ChatMessage> AnswerAsync(HttpClient http, string roomId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await MessagesAsync(http, roomId)).Messages.FirstOrDefault(m => m.Kind == MessageKind.Assistant) is { } answer) return answer;
            await Task.Delay(100);
        }
        throw new TimeoutException("The bot did not answer.");
    }

    private static async Task<MessagePage> MessagesAsync(HttpClient http, string roomId) =>
        (await http.GetFromJsonAsync<MessagePage>($"/api/rooms/{roomId}/messages", Json))!;

    private HttpClient Authorized(string token)
    {
        var http = _system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
