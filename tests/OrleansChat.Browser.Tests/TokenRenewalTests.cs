using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>
/// Tokens of ten seconds: the hub closes each connection when its token ends, and the widget and the agent console
/// renew their tokens, reconnect and catch up by themselves, losing nothing.
/// </summary>
public sealed partial class TokenRenewalTests : BrowserTest
{
    protected override IReadOnlyDictionary<string, string?> WebSettings => new Dictionary<string, string?>
    {
        // Renewed in their last third: over 3 s to spare, so that a busy machine's delays do not outlast a token.
        ["Chat:Auth:TokenLifetime"] = "00:00:10",
        ["Chat:Auth:ClockSkew"] = "00:00:00",
    };

    [Fact]
    public async Task The_widget_and_the_console_renew_their_tokens_and_carry_on_with_nothing_lost()
    {
        var ann = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        var firstVisitorToken = await VisitorTokenAsync(visitor);
        var firstAgentToken = await AgentTokenAsync(ann);

        List<string> said = ["v0"];
        await visitor.SendAsync("v0");
        await Expect(ann.Mine).ToHaveCountAsync(1);
        await ann.Mine.First.ClickAsync();
        // Some three token lifetimes of chat, both ways: every token either side started with has ended by the last.
        for (var i = 1; i <= 12; i++)
        {
            await ann.Page.WaitForTimeoutAsync(2_500);
            var text = (i % 2 == 1 ? "a" : "v") + i;
            await (i % 2 == 1 ? ann.SendAsync(text) : visitor.SendAsync(text));
            said.Add(text);
        }

        await Expect(visitor.Delivered.Filter(new() { HasTextRegex = Said() })).ToHaveTextAsync([.. said]);
        await Expect(ann.Delivered.Filter(new() { HasTextRegex = Said() })).ToHaveTextAsync([.. said]);
        await visitor.ExpectConnectedAsync();
        await Expect(ann.Page.Locator("#top .state")).ToHaveAttributeAsync("data-state", "connected");
        Assert.NotEqual(firstVisitorToken, await VisitorTokenAsync(visitor));
        Assert.NotEqual(firstAgentToken, await AgentTokenAsync(ann));
        Assert.Empty(visitor.Dialogs);
    }

    private static Task<string> VisitorTokenAsync(WidgetPage page) =>
        page.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('orleanschat:demo:session')).accessToken");

    private static Task<string> AgentTokenAsync(AgentConsolePage page) =>
        page.Page.EvaluateAsync<string>("() => sessionStorage.getItem('orleanschat:agent:token')");

    [GeneratedRegex("^[av][0-9]+$")]
    private static partial Regex Said();
}
