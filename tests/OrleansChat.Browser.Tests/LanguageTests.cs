using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>
/// The widget speaks the language of the page it is embedded in (its <c>lang</c>), whatever the browser's is, and
/// mirrors its layout for a right-to-left one.
/// </summary>
public sealed class LanguageTests : BrowserTest
{
    [Fact]
    public async Task A_German_page_gets_the_widget_in_German()
    {
        var visitor = await OpenShopInAsync("de");
        await Expect(visitor.Page.Locator(".root")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(visitor.Launcher).ToHaveAttributeAsync("aria-label", "Chat öffnen");
        await visitor.OpenAsync();
        await Expect(visitor.Page.Locator("#oc-title")).ToHaveTextAsync("Schreiben Sie uns");
        await Expect(visitor.State).ToHaveTextAsync("Verbunden");
        await Expect(visitor.Input).ToHaveAttributeAsync("placeholder", "Nachricht schreiben…");
        await Expect(visitor.Page.Locator("button.send")).ToHaveTextAsync("Senden");

        await ChatWithAnAgentAsync(visitor, "Hallo! Passt die Fjell-Jacke über eine Fleecejacke?", "Ja, sie ist für das Zwiebelprinzip geschnitten.");
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann ist dem Chat beigetreten.");
        await Expect(visitor.Seen).ToHaveTextAsync("Gesehen von Ann");
        await Screenshots.SaveAsync(visitor.Page, "widget-de.png");
    }

    [Fact]
    public async Task An_Arabic_page_gets_the_widget_in_Arabic_mirrored()
    {
        var visitor = await OpenShopInAsync("ar");
        var root = visitor.Page.Locator(".root");
        await Expect(root).ToHaveAttributeAsync("dir", "rtl");
        await Expect(root).ToHaveAttributeAsync("lang", "ar");
        await Expect(visitor.Launcher).ToHaveAttributeAsync("aria-label", "فتح المحادثة");
        // Mirrored: the launcher sits at the bottom left.
        var launcher = (await visitor.Launcher.BoundingBoxAsync())!;
        Assert.True(launcher.X < 640, $"The launcher is at x = {launcher.X} on a 1280 px page.");

        await visitor.OpenAsync();
        await Expect(visitor.Page.Locator("#oc-title")).ToHaveTextAsync("تحدّث معنا");
        await Expect(visitor.State).ToHaveTextAsync("متصل");
        await Expect(visitor.Input).ToHaveAttributeAsync("placeholder", "اكتب رسالة…");

        await ChatWithAnAgentAsync(visitor, "مرحبًا! هل تشحنون إلى الرياض؟", "نعم، خلال ثلاثة إلى خمسة أيام.");
        await Expect(visitor.SupportBar).ToContainTextAsync("انضم Ann إلى المحادثة.");
        // The visitor's own message is on the start side (the right), the agent's on the end side (the left).
        var mine = (await visitor.Message("مرحبًا! هل تشحنون إلى الرياض؟").BoundingBoxAsync())!;
        var theirs = (await visitor.Message("نعم، خلال ثلاثة إلى خمسة أيام.").BoundingBoxAsync())!;
        Assert.True(mine.X < theirs.X, $"Own message at x = {mine.X}, the agent's at x = {theirs.X}: not mirrored.");
        await Screenshots.SaveAsync(visitor.Page, "widget-ar.png");
    }

    [Fact]
    public async Task The_agent_console_speaks_the_language_its_link_asks_for_and_else_the_browsers()
    {
        var german = await (await NewContextAsync(locale: "de-DE")).NewPageAsync();
        await german.GotoAsync(System.Origin + "/agent");
        await Expect(german.Locator("html")).ToHaveAttributeAsync("lang", "de-DE");
        await Expect(german.GetByRole(AriaRole.Heading, new() { Name = "Als Agent anmelden" })).ToBeVisibleAsync();
        await german.GetByLabel("Agent-ID").FillAsync("agent-ann");
        await german.GetByLabel("Anzeigename").FillAsync("Ann");
        await german.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(german.Locator("#top .state")).ToHaveTextAsync("Verbunden");
        await Expect(german.Locator("main.conversation > .empty")).ToHaveTextAsync("Wählen Sie ein Gespräch.");

        var arabic = await (await NewContextAsync(locale: "en-US")).NewPageAsync();
        await arabic.GotoAsync(System.Origin + "/agent?lang=ar");
        await Expect(arabic.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(arabic.GetByRole(AriaRole.Heading, new() { Name = "تسجيل الدخول كوكيل" })).ToBeVisibleAsync();
        await Expect(arabic.Locator(".hint code")).ToHaveTextAsync("/agent#token=…");
    }

    /// <summary>
    /// A shop in <paramref name="language"/> on the embedding origin, embedding our widget with no title of its own,
    /// visited from an English browser.
    /// </summary>
    private async Task<WidgetPage> OpenShopInAsync(string language)
    {
        var context = await NewContextAsync(locale: "en-US");
        await context.RouteAsync(WidgetSystem.EmbeddingOrigin + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = $"""
                <!doctype html><html lang="{language}"><meta charset="utf-8"><title>Nordlicht Outdoor</title>
                <main><h1>Nordlicht Outdoor</h1></main>
                <script src="{System.Origin}/widget.js" data-site="demo" data-color="#2b6a4f" async></script>
                """,
        }));
        var page = await context.NewPageAsync();
        await page.GotoAsync(WidgetSystem.EmbeddingOrigin + "/");
        return WidgetPage.On(page);
    }

    private async Task ChatWithAnAgentAsync(WidgetPage visitor, string question, string answer)
    {
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync(question);
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");
        var agent = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, await visitor.SupportRoomIdAsync(), "agent-ann", "Ann", role: "agent");
        await agent.SendAsync(answer);
        await visitor.ExpectDeliveredAsync(question, answer);
    }
}
