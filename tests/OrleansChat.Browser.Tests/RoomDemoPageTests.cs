using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>The room demo page, which shows the widget's room mode beside the shop (support mode) and the console.</summary>
public sealed class RoomDemoPageTests : BrowserTest
{
    [Fact]
    public async Task The_room_demo_page_signs_in_by_name_and_links_to_the_shop_and_the_console()
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await page.GotoAsync(System.Origin + "/demo/room?room=" + NewRoomId());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Shop demo" })).ToHaveAttributeAsync("href", "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Agent console" })).ToHaveAttributeAsync("href", "/agent");

        await page.GetByLabel("Your name").FillAsync("Ann");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the lobby" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed in as Ann.");
        await Expect(page.Locator(".state")).ToHaveAttributeAsync("data-state", "connected");
        await page.Locator("textarea").FillAsync("Hello, lobby!");
        await page.Locator("textarea").PressAsync("Enter");
        await Expect(page.Locator("ol.messages li.message .text")).ToHaveTextAsync(["Hello, lobby!"]);
        await Screenshots.SaveAsync(page, "room-demo.png");
    }
}
