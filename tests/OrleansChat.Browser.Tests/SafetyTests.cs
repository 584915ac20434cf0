using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

public sealed class SafetyTests : BrowserTest
{
    [Fact]
    public async Task Markup_in_a_message_shows_as_text_and_runs_nothing_and_only_web_links_are_links()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");

        const string attack = "<img src=x onerror=alert(1)>";
        await ann.SendAsync(attack);
        await ann.SendAsync("docs at https://example.com/help, not javascript:alert(2)");
        await bob.ExpectDeliveredAsync(attack, "docs at https://example.com/help, not javascript:alert(2)");
        await ann.ExpectDeliveredAsync(attack, "docs at https://example.com/help, not javascript:alert(2)");

        foreach (var page in new[] { ann, bob })
        {
            await Expect(page.Page.Locator("li.message img")).ToHaveCountAsync(0);
            var links = page.Page.Locator("li.message a");
            await Expect(links).ToHaveCountAsync(1);
            await Expect(links).ToHaveAttributeAsync("href", "https://example.com/help");
            await Expect(links).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        }
        // An onerror handler would have fired by now; give it a moment more anyway.
        await bob.Page.WaitForTimeoutAsync(500);
        Assert.Empty(ann.Dialogs);
        Assert.Empty(bob.Dialogs);
    }

    [Fact]
    public async Task Script_in_names_and_messages_shows_as_text_in_the_widget_and_the_console_and_never_runs()
    {
        const string agentName = "<svg onload=\"window.pwned='agent name'\"></svg>Mal";
        const string visitorName = "<img src=x onerror=\"window.pwned='visitor name'\">Eve";
        const string text = "<script>window.pwned='script'</script><b onmouseover=\"window.pwned='text'\">hi</b>";
        var agentContext = await NewContextAsync();
        var pageResponse = await (await agentContext.NewPageAsync()).GotoAsync(System.Origin + "/agent");
        Assert.Contains("script-src 'self'", (await pageResponse!.AllHeadersAsync())["content-security-policy"]);
        var agent = await AgentConsolePage.SignInAsync(agentContext, System.Origin, "agent-mal", agentName);

        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.Page.EvaluateAsync("name => OrleansChat.setUser({ displayName: name })", visitorName);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync(text);

        // The online agent gets the conversation: the visitor's name and words are text on both sides.
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await Expect(agent.Mine.First).ToContainTextAsync(visitorName);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.Delivered).ToHaveTextAsync([text]);
        await agent.SendAsync(text);
        await visitor.ExpectDeliveredAsync(text, text);
        await Expect(visitor.SupportBar).ToContainTextAsync(agentName);
        await Expect(agent.Pane).ToContainTextAsync(visitorName);

        foreach (var page in new[] { agent.Page, visitor.Page })
        {
            await page.Locator("li.message .text").First.HoverAsync();
            Assert.Equal(0, await CountEverywhereAsync(page, "li.message script, li.message b, li.message img, svg[onload], img[onerror]"));
            Assert.Null(await page.EvaluateAsync<string?>("() => window.pwned ?? null"));
        }
        Assert.Empty(visitor.Dialogs);
    }

    [Fact]
    public async Task A_file_name_with_markup_shows_as_text_in_the_widget_and_the_console_and_runs_nothing()
    {
        const string name = "<img src=x onerror=alert(1)>.pdf";
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        var agentDialogs = new List<string>();
        agent.Page.Dialog += async (_, dialog) =>
        {
            lock (agentDialogs) agentDialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();

        await visitor.AttachAsync(TestFiles.Pdf(name));
        await Expect(visitor.Page.Locator(".composer-file .file-name")).ToHaveTextAsync(name);
        await visitor.Input.PressAsync("Enter");
        await Expect(visitor.FileCards.Locator(".file-name")).ToHaveTextAsync(name);
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.FileCards.Locator(".file-name")).ToHaveTextAsync(name);
        await Expect(agent.FileCards).ToHaveAttributeAsync("download", name);

        foreach (var page in new[] { agent.Page, visitor.Page })
        {
            Assert.Equal(0, await CountEverywhereAsync(page, "li.message img, img[onerror]"));
        }
        // An onerror handler would have fired by now; give it a moment more anyway.
        await visitor.Page.WaitForTimeoutAsync(500);
        Assert.Empty(visitor.Dialogs);
        Assert.Empty(agentDialogs);
    }

    [Fact]
    public async Task A_page_of_another_allowed_origin_embeds_the_widget_across_origins()
    {
        // The customer's page is served by the browser test itself; the widget and the chat come from our server.
        var context = await NewContextAsync();
        await context.RouteAsync(WidgetSystem.EmbeddingOrigin + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""<!doctype html><title>Shop</title><h1>A shop elsewhere</h1><script src="{System.Origin}/widget.js" data-site="demo" data-open async></script>""",
        }));
        var page = await context.NewPageAsync();
        await page.GotoAsync(WidgetSystem.EmbeddingOrigin + "/");
        await Expect(page.Locator(".state")).ToHaveAttributeAsync("data-state", "connected");
        await page.Locator("textarea").FillAsync("Hello from another origin");
        await page.Locator("textarea").PressAsync("Enter");
        await Expect(page.Locator("ol.messages li.message .text")).ToHaveTextAsync(["Hello from another origin"]);
    }

    [Fact]
    public async Task A_page_of_a_disallowed_origin_gets_no_session()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var sessionResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/widget/sessions"));
        await page.GotoAsync(System.OtherOrigin + "/");

        Assert.Equal(403, (await sessionResponse).Status);
        await Expect(page.Locator(".state")).ToHaveAttributeAsync("data-state", "unavailable");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('orleanschat:demo:session')"));

        // A page on another site embedding the widget from us is refused the same way, and the widget says so.
        await context.RouteAsync("http://elsewhere.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""<!doctype html><title>Elsewhere</title><script src="{System.Origin}/widget.js" data-site="demo" data-open async></script>""",
        }));
        var elsewhere = await context.NewPageAsync();
        var elsewhereResponse = elsewhere.WaitForResponseAsync(r => r.Url.EndsWith("/api/widget/sessions"));
        await elsewhere.GotoAsync("http://elsewhere.test/");
        Assert.Equal(403, (await elsewhereResponse).Status);
        await Expect(elsewhere.Locator(".state")).ToHaveAttributeAsync("data-state", "unavailable");

        // The same page from the allowed origin does get one.
        var allowed = await WidgetPage.OpenShopAsync(context, System.Origin);
        await allowed.OpenAsync();
        await allowed.ExpectConnectedAsync();
    }

    /// <summary>How many elements match <paramref name="selector"/> in the page and in every shadow root of it.</summary>
    private static Task<int> CountEverywhereAsync(IPage page, string selector) => page.EvaluateAsync<int>(
        "selector => [document, ...[...document.querySelectorAll('*')].map(e => e.shadowRoot).filter(Boolean)]"
        + ".reduce((n, root) => n + root.querySelectorAll(selector).length, 0)", selector);
}
