using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

public sealed class HistoryTests(Chromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task The_widget_shows_the_latest_page_and_scrolls_back_through_older_history()
    {
        var roomId = NewRoomId();
        await using var ann = await ChatTestClient.SignInAsync(System.Web, "ann", "Ann");
        await ann.CreateRoomAsync("History", "public", roomId);
        for (var i = 1; i <= 70; i++)
        {
            (await ann.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = $"h-{i}", text = $"history {i}" })).EnsureSuccessStatusCode();
        }

        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await Expect(bob.Delivered).ToHaveCountAsync(50);
        await Expect(bob.Delivered.First).ToHaveTextAsync("history 21");
        await Expect(bob.Delivered.Last).ToHaveTextAsync("history 70");

        var older = bob.Page.Locator(".older");
        await Expect(older).ToBeVisibleAsync();
        await older.ClickAsync();
        await bob.ExpectDeliveredAsync(Enumerable.Range(1, 70).Select(i => $"history {i}").ToArray());
        await Expect(older).ToBeHiddenAsync();
    }
}
