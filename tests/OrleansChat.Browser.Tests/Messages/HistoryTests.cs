using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

public sealed class HistoryTests : BrowserTest
{
    [Fact]
    public async Task The_widget_shows_the_latest_page_and_its_button_and_scrolling_to_the_top_each_load_an_older_one()
    {
        var roomId = NewRoomId();
        await using var ann = await ChatTestClient.SignInAsync(System.Web, "ann", "Ann");
        await ann.CreateRoomAsync("History", "public", roomId);
        for (var i = 1; i <= 120; i++)
        {
            (await ann.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = $"h-{i}", text = $"history {i}" })).EnsureSuccessStatusCode();
        }

        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await Expect(bob.Delivered).ToHaveCountAsync(50);
        await Expect(bob.Delivered.First).ToHaveTextAsync("history 71");
        await Expect(bob.Delivered.Last).ToHaveTextAsync("history 120");

        // The button, as a keyboard or screen-reader user activates it: without scrolling the log to its top (a
        // pointer click scrolls it into view first, and reaching the top loads the page by itself).
        var older = bob.Page.Locator(".older");
        await Expect(older).ToBeVisibleAsync();
        await older.DispatchEventAsync("click");
        await Expect(bob.Delivered).ToHaveCountAsync(100);
        await Expect(bob.Delivered.First).ToHaveTextAsync("history 21");

        // Scrolling up, as a reader with a mouse or a finger does, loads the rest once the top is reached.
        await bob.Page.Locator(".log").HoverAsync();
        await bob.Page.Mouse.WheelAsync(0, -1_000_000);
        await bob.ExpectDeliveredAsync(Enumerable.Range(1, 120).Select(i => $"history {i}").ToArray());
        await Expect(older).ToBeHiddenAsync();
    }
}
