using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>
/// The widget and the agent console as people see them: the widget open in the light and dark themes, and on a
/// 360 px wide phone, where the panel must fit the screen (see <see cref="Screenshots"/> for where they go).
/// </summary>
public sealed class ScreenshotTests : BrowserTest
{
    [Fact]
    public async Task The_open_widget_in_both_themes_and_on_a_narrow_screen()
    {
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync("Hi! Does the Fjell jacket fit over a fleece?");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");
        // An agent steps into the visitor's room (the widget in room mode) and so takes the conversation.
        var agent = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, await visitor.SupportRoomIdAsync(), "agent-ann", "Ann", role: "agent");
        await agent.ExpectDeliveredAsync("Hi! Does the Fjell jacket fit over a fleece?");
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann joined the chat.");
        await agent.SendAsync("It does: it is cut for layering. Size chart: https://example.com/fjell-sizes");
        await visitor.ExpectDeliveredAsync("Hi! Does the Fjell jacket fit over a fleece?",
            "It does: it is cut for layering. Size chart: https://example.com/fjell-sizes");
        await Expect(visitor.Seen).ToHaveTextAsync("Seen by Ann");
        await agent.Input.FillAsync("Anything else");
        await Expect(visitor.Typing).ToHaveTextAsync("Ann is typing…");
        await Screenshots.SaveAsync(visitor.Page, "widget-light.png");

        // The same visitor, session and conversation, with the dark theme (OrleansChat.init restarts the widget).
        await visitor.Page.EvaluateAsync("() => OrleansChat.init({ theme: 'dark', open: true })");
        await Expect(visitor.Page.Locator(".root[data-theme=dark]")).ToBeVisibleAsync();
        await Expect(visitor.Delivered).ToHaveCountAsync(2);
        await visitor.ExpectConnectedAsync();
        await Screenshots.SaveAsync(visitor.Page, "widget-dark.png");

        var phone = await WidgetPage.OpenShopAsync(await NewContextAsync(width: 360, height: 740), System.Origin);
        await phone.OpenAsync();
        await phone.ExpectConnectedAsync();
        await phone.SendAsync("Do you ship to Norway?");
        await phone.ExpectDeliveredAsync("Do you ship to Norway?");
        var panel = (await phone.Panel.BoundingBoxAsync())!;
        Assert.True(panel.X >= 0 && panel.X + panel.Width <= 360, $"The panel spans {panel.X}..{panel.X + panel.Width} on a 360 px screen.");
        await Screenshots.SaveAsync(phone.Page, "widget-narrow.png");
    }

    [Fact]
    public async Task The_agent_console_with_a_conversation_it_was_given()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(width: 1100, height: 640), System.Origin, "agent-ann", "Ann");
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.SendAsync("Hi! Can I exchange my Vidda boots for a bigger size?");

        // Ann is online: the desk gives her the conversation.
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await agent.SendAsync("Hi, I am Ann. Yes, exchanges for another size are free. Which size do you need?");
        await visitor.ExpectDeliveredAsync("Hi! Can I exchange my Vidda boots for a bigger size?",
            "Hi, I am Ann. Yes, exchanges for another size are free. Which size do you need?");
        await visitor.Input.FillAsync("A 44, please");
        await Expect(agent.Typing).ToHaveTextAsync("Visitor is typing…");
        await Expect(agent.Seen).ToHaveTextAsync("Seen by Visitor");
        await Screenshots.SaveAsync(agent.Page, "agent-console.png");
    }
}
