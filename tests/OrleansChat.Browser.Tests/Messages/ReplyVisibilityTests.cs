using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

/// <summary>
/// Never missing a reply: the log follows the newest message while the reader is at its end, leaves them alone
/// with a "new messages" pill when they scrolled up, sends read receipts only for what they saw, tells a reader
/// in another tab through the page's title, and fills a phone's screen.
/// </summary>
public sealed class ReplyVisibilityTests : BrowserTest
{
    [Fact]
    public async Task An_agents_reply_after_the_header_grew_with_their_joining_is_in_view()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        // Away, so that the conversation waits until Ann takes it, after the visitor's log has filled.
        await agent.SetAwayAsync();
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        var questions = Enumerable.Range(1, 12).Select(i => $"Question {i} about my order").ToArray();
        foreach (var question in questions) await visitor.SendAsync(question);
        await visitor.ExpectDeliveredAsync(questions);
        Assert.True(await ScrollableHeightAsync(visitor) > 200, "the visitor's log should be long enough to scroll");

        await Expect(agent.Waiting).ToHaveCountAsync(1);
        await agent.Waiting.First.ClickAsync();
        await agent.Button("Take").ClickAsync();
        // The header grows: the support bar names Ann and the member list shows her.
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann joined the chat.");
        await Expect(visitor.Member("agent-ann")).ToBeVisibleAsync();
        await agent.SendAsync("Hi, I am Ann: I have your order in front of me.");

        await Expect(visitor.Message("Hi, I am Ann: I have your order in front of me.")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Pill(visitor)).ToBeHiddenAsync();
        // Seen, so the console says so.
        await Expect(agent.Seen).ToHaveTextAsync("Seen by Visitor");
    }

    [Fact]
    public async Task New_messages_leave_a_reader_who_scrolled_up_where_they_were_and_a_pill_counts_them_and_takes_them_there()
    {
        var (roomId, ann, sender, reader) = await RoomWithHistoryAsync();
        await using var _ = ann;
        await Expect(reader.Delivered).ToHaveCountAsync(30);
        await Expect(reader.Message("history 30")).ToBeInViewportAsync();

        await ScrollLogToAsync(reader, 100);
        await sender.SendAsync("first news");
        await sender.SendAsync("second news");
        await Expect(reader.Delivered).ToHaveCountAsync(32);
        await Expect(Pill(reader)).ToHaveTextAsync("↓ 2 new messages");
        Assert.Equal(100, await LogScrollTopAfterLayoutAsync(reader));
        await Expect(reader.Message("second news")).Not.ToBeInViewportAsync();

        await Pill(reader).ClickAsync();
        await Expect(reader.Message("second news")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(Pill(reader)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task No_read_receipt_goes_for_a_message_never_on_screen_and_one_goes_once_it_is_scrolled_into_view()
    {
        var (roomId, ann, sender, reader) = await RoomWithHistoryAsync();
        await using var _ = ann;
        // Bob is at the end: he has seen Ann's latest message.
        await Expect(sender.Seen).ToHaveTextAsync("Seen by Bob");

        await ScrollLogToAsync(reader, 100);
        await sender.SendAsync("are you still there?");
        await Expect(sender.Seen).ToBeHiddenAsync();
        await Expect(Pill(reader)).ToHaveTextAsync("↓ 1 new message");
        await ExpectReceiptsSentFromAsync(reader, sender, reader.Message("are you still there?"));
        Assert.Equal(30, await ReadSeqAsync(ann, roomId, "bob"));
        await Expect(sender.Seen).ToBeHiddenAsync();

        await ScrollLogToAsync(reader, int.MaxValue);
        await Expect(sender.Seen).ToHaveTextAsync("Seen by Bob");
        Assert.Equal(31, await ReadSeqAsync(ann, roomId, "bob"));
    }

    [Fact]
    public async Task With_the_tab_in_the_background_the_title_counts_new_messages_and_comes_back_once_they_are_seen()
    {
        var roomId = NewRoomId();
        var sender = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var reader = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        var title = await reader.Page.TitleAsync();

        await SetTabVisibleAsync(reader, false);
        await sender.SendAsync("one");
        await sender.SendAsync("two");
        await reader.ExpectDeliveredAsync("one", "two");
        await Expect(reader.Page).ToHaveTitleAsync(new Regex(@"^\(2\) "));
        // On screen, but in a tab in the background: not seen.
        await ExpectReceiptsSentFromAsync(reader, sender, reader.Message("two"));
        await Expect(sender.Seen).ToBeHiddenAsync();

        await SetTabVisibleAsync(reader, true);
        await Expect(reader.Page).ToHaveTitleAsync(title);
        await Expect(sender.Seen).ToHaveTextAsync("Seen by Bob");
    }

    [Fact]
    public async Task Notifications_are_asked_for_when_the_visitor_opens_the_chat_not_on_load_and_tell_of_replies_in_a_background_tab()
    {
        var context = await NewContextAsync();
        await context.AddInitScriptAsync(RecordingNotifications);
        var visitor = await WidgetPage.OpenShopAsync(context, System.Origin);
        // Once the shop's widget holds its visitor session, so that the widget started again keeps it.
        await visitor.ExpectConnectedAsync();
        await visitor.Page.EvaluateAsync("() => OrleansChat.init({ notifications: true })");
        await visitor.ExpectConnectedAsync();
        Assert.Equal(0, await visitor.Page.EvaluateAsync<int>("() => window.notifications.asked"));

        await visitor.OpenAsync();
        await visitor.Page.WaitForFunctionAsync("() => window.notifications.asked === 1");
        await visitor.SendAsync("Is the Skog tent in stock?");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");
        var agent = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, await visitor.SupportRoomIdAsync(), "agent-ann", "Ann", role: "agent");
        await agent.ExpectDeliveredAsync("Is the Skog tent in stock?");

        await SetTabVisibleAsync(visitor, false);
        await agent.SendAsync("It is: two left in green.");
        await visitor.Page.WaitForFunctionAsync(
            "() => window.notifications.shown.some(n => n.title === 'Nordlicht Outdoor' && n.body === 'Ann: It is: two left in green.')");
    }

    [Fact]
    public async Task On_a_phone_the_open_panel_fills_the_screen_with_the_composer_in_view_and_the_page_behind_still()
    {
        var phone = await WidgetPage.OpenShopAsync(await NewContextAsync(width: 390, height: 844), System.Origin);
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight"),
            "the shop should be taller than the phone's screen, so that there is a page to keep still");
        await phone.OpenAsync();
        await phone.ExpectConnectedAsync();

        var panel = (await phone.Panel.BoundingBoxAsync())!;
        Assert.Equal((0f, 0f, 390f, 844f), ((float)panel.X, (float)panel.Y, (float)panel.Width, (float)panel.Height));
        await Expect(phone.Input).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.Equal("hidden", await PageOverflowAsync(phone));
        await phone.SendAsync("Do you ship to Norway?");
        await Expect(phone.Message("Do you ship to Norway?")).ToBeInViewportAsync(new() { Ratio = 1 });

        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Close chat" }).ClickAsync();
        await Expect(phone.Panel).ToBeHiddenAsync();
        Assert.Equal("visible", await PageOverflowAsync(phone));
    }

    /// <summary>
    /// The browser's notifications, recording what a page asks and shows: the permission starts undecided and the
    /// visitor allows it when asked (headless Chromium has no one to answer the prompt).
    /// </summary>
    private const string RecordingNotifications = """
        window.notifications = { asked: 0, shown: [] };
        window.Notification = class {
          static permission = 'default';
          static requestPermission() { window.notifications.asked++; window.Notification.permission = 'granted'; return Promise.resolve('granted'); }
          constructor(title, options) { window.notifications.shown.push({ title, body: options.body }); }
          addEventListener() {}
          close() {}
        };
        """;

    private static ILocator Pill(WidgetPage page) => page.Page.Locator(".new-messages");

    /// <summary>
    /// A public room holding 30 messages of Ann's, more than the widget's log shows at once, open in Ann's widget
    /// (the sender) and Bob's (the reader); Ann's REST client reads the room's read marks.
    /// </summary>
    private async Task<(string RoomId, ChatTestClient Ann, WidgetPage Sender, WidgetPage Reader)> RoomWithHistoryAsync()
    {
        var roomId = NewRoomId();
        var ann = await ChatTestClient.SignInAsync(System.Web, "ann", "Ann");
        await ann.CreateRoomAsync("News", "public", roomId);
        for (var i = 1; i <= 30; i++)
        {
            (await ann.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = $"h-{i}", text = $"history {i}" })).EnsureSuccessStatusCode();
        }
        var sender = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var reader = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        return (roomId, ann, sender, reader);
    }

    private static async Task<long> ReadSeqAsync(ChatTestClient client, string roomId, string userId) =>
        (await client.GetAsync<Room>($"/api/rooms/{roomId}")).Members!.Single(m => m.UserId == userId).ReadSeq;

    /// <summary>How far the widget's log can scroll (its content's height beyond what it shows).</summary>
    private static Task<int> ScrollableHeightAsync(WidgetPage page) =>
        page.Page.Locator(".log").EvaluateAsync<int>("log => log.scrollHeight - log.clientHeight");

    /// <summary>Scrolls the log as the reader would, to <paramref name="top"/> (the end for <c>int.MaxValue</c>).</summary>
    private static Task ScrollLogToAsync(WidgetPage page, int top) =>
        page.Page.Locator(".log").EvaluateAsync("""
            (log, top) => new Promise(resolve => {
              log.addEventListener('scroll', () => resolve(), { once: true });
              log.scrollTop = Math.min(top, log.scrollHeight);
            })
            """, top);

    /// <summary>The log's position once the browser has laid out and observed what changed (two frames on).</summary>
    private static Task<int> LogScrollTopAfterLayoutAsync(WidgetPage page) =>
        page.Page.Locator(".log").EvaluateAsync<int>("""
            log => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve(Math.round(log.scrollTop)))))
            """);

    /// <summary>
    /// Waits until any read receipt the reader's widget would send for <paramref name="message"/> has reached the
    /// server: an intersection observer made after the widget's hears of the message after the widget's did; a
    /// keystroke then goes over the same connection after any receipt, and the server handles a connection's calls in
    /// order, so once the sender sees the reader typing, such a receipt would have been stored.
    /// </summary>
    private static async Task ExpectReceiptsSentFromAsync(WidgetPage reader, WidgetPage sender, ILocator message)
    {
        await message.EvaluateAsync("""
            element => new Promise(resolve => {
              const observer = new IntersectionObserver(() => { observer.disconnect(); resolve(); }, { root: element.closest('.log') });
              observer.observe(element);
            })
            """);
        await reader.Input.PressSequentiallyAsync("hm");
        await Expect(sender.Typing).ToHaveTextAsync("Bob is typing…");
        await reader.Input.FillAsync("");
    }

    /// <summary>As when the reader switches to another tab and back: the page's visibility and its event.</summary>
    private static Task SetTabVisibleAsync(WidgetPage page, bool visible) => page.Page.EvaluateAsync("""
        visible => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visible ? 'visible' : 'hidden' });
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
          document.dispatchEvent(new Event('visibilitychange'));
        }
        """, visible);

    private static Task<string> PageOverflowAsync(WidgetPage page) =>
        page.Page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).overflow");
}
