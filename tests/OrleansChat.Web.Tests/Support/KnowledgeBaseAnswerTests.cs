using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Ai;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Support;

/// <summary>The default assistant, which needs no model: retrieval over the demo site's FAQ.</summary>
public sealed class KnowledgeBaseAnswerTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    [Theory]
    [InlineData("How long do I have to return a jacket?", "Returns and refunds", "within 30 days")]
    [InlineData("Is shipping free?", "Shipping times and costs", "free on orders over 50 euros")]
    [InlineData("Can I pay with PayPal?", "Payment methods", "PayPal")]
    [InlineData("My tent is broken, is there a warranty?", "Warranty and repairs", "two-year warranty")]
    [InlineData("When is the Hamburg shop open?", "Opening hours and contact", "Lange Reihe 12")]
    [InlineData("Which size should I take if I am between two sizes?", "Sizes and fit", "take the larger one")]
    public async Task It_answers_faq_questions_with_the_right_passage_and_its_source(string question, string title, string expected)
    {
        var answer = await AskAsync(question);

        Assert.Contains(expected, answer);
        Assert.Contains($"Source: {title} (faq.md#", answer);
    }

    [Theory]
    [InlineData("Do you sell bicycles on Mars?")]
    [InlineData("What is the airspeed velocity of an unladen swallow?")]
    public async Task It_says_plainly_when_it_does_not_know(string question)
    {
        Assert.Equal(KnowledgeBaseChatClient.NoAnswer, await AskAsync(question));
    }

    private async Task<string> AskAsync(string question)
    {
        await using var visitor = await fixture.System.SignInAsync("visitor");
        var response = await visitor.PostAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = question } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetProperty("content").GetString()!;
    }
}
