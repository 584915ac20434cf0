using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>A sign-in lasts its time: then the console stops renewing, forgets the token and asks the agent to sign in again.</summary>
[Collection(WaitingOnTheClockFirst.Name)]
public sealed class SignInEndTests : BrowserTest
{
    protected override IReadOnlyDictionary<string, string?> WebSettings => new Dictionary<string, string?>
    {
        ["Chat:Auth:TokenLifetime"] = "00:00:06",
        ["Chat:Auth:SessionLifetime"] = "00:00:10",
        ["Chat:Auth:ClockSkew"] = "00:00:00",
    };

    [Fact]
    public async Task When_the_sign_in_ends_the_console_asks_the_agent_to_sign_in_again()
    {
        var ann = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");

        // The first renewals pass; the one after ten seconds is refused, and the page goes back to its sign-in.
        await Expect(ann.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your sign-in has ended: sign in again.", new() { Timeout = 40_000 });
        await Expect(ann.Page.GetByLabel("Agent id")).ToBeVisibleAsync();
        Assert.Null(await ann.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('orleanschat:agent:token')"));
    }
}
