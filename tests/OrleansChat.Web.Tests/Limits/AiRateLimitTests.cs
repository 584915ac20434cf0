using System.Net;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Limits;

public sealed class AiRateLimitTests
{
    [Fact]
    public async Task Ai_calls_beyond_the_per_user_limit_get_429_with_retry_after()
    {
        await using var system = await ChatSystem.StartAsync(settings: new() { ["Chat:Ai:RequestsPerMinute"] = "2" });
        await using var alice = await system.SignInAsync("alice");
        await using var bob = await system.SignInAsync("bob");
        var ask = new { messages = new[] { new { role = "user", content = "Is shipping free?" } } };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await alice.PostAsync("/api/ai/chat", ask)).StatusCode);
        var limited = await alice.PostAsync("/api/ai/chat", ask);
        var someoneElse = await bob.PostAsync("/api/ai/chat", ask);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null, "429 carries Retry-After.");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
    }
}
