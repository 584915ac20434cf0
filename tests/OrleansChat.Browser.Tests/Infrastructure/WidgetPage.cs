using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// A page with the widget, as a user sees it. Playwright's CSS selectors reach into the widget's open shadow root.
/// Records every dialog the page opens (a script injected through a message would show as one).
/// </summary>
public sealed class WidgetPage
{
    private WidgetPage(IPage page)
    {
        Page = page;
        page.Dialog += async (_, dialog) =>
        {
            lock (Dialogs) Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
    }

    public IPage Page { get; }
    public List<string> Dialogs { get; } = [];

    public ILocator Launcher => Page.Locator(".launcher");
    public ILocator Badge => Page.Locator(".launcher .badge");
    public ILocator Panel => Page.Locator(".panel");
    public ILocator State => Page.Locator(".state");
    public ILocator Input => Page.Locator("textarea");
    public ILocator Typing => Page.Locator(".typing");
    public ILocator Seen => Page.Locator(".seen");

    /// <summary>Support mode's status line: <c>data-status</c> is the conversation's status.</summary>
    public ILocator SupportBar => Page.Locator(".support");

    /// <summary>The text of every message the room's log holds, as shown (in seq order).</summary>
    public ILocator Delivered => Page.Locator("ol.messages li.message .text");

    /// <summary>Messages written here and not yet acknowledged.</summary>
    public ILocator Outbox => Page.Locator("ol.outbox li.message");

    /// <summary>The files of delivered messages: images (<c>img</c>) and file cards (<c>a</c> with <c>download</c>).</summary>
    public ILocator Images => Page.Locator("ol.messages li.message .attachments img.attachment-image");
    public ILocator FileCards => Page.Locator("ol.messages li.message .attachments a.attachment-file");

    /// <summary>Chooses files through the attach button's file input (they wait as chips until the message is sent).</summary>
    public Task AttachAsync(params FilePayload[] files) => Page.Locator("input[type=file]").SetInputFilesAsync(files);

    public ILocator Member(string userId) => Page.Locator($".member[data-user-id=\"{userId}\"]");

    /// <summary>How many people the room has, shown in place of the list in a room past the member-events limit.</summary>
    public ILocator MemberCount => Page.Locator(".member-count");

    /// <summary>The delivered message whose text is exactly <paramref name="text"/>, with its quote, reactions and controls.</summary>
    public ILocator Message(string text) => Page.Locator("ol.messages li.message").Filter(new()
    {
        Has = Page.Locator(".text").GetByText(text, new() { Exact = true }),
    });

    /// <summary>The delivered message with this seq, whatever it shows now (an editor, a tombstone).</summary>
    public ILocator MessageAt(string seq) => Page.Locator($"ol.messages li.message[data-seq=\"{seq}\"]");

    /// <summary>The delivered message whose text is exactly <paramref name="text"/> now, found by its seq so that it stays found while it changes.</summary>
    public async Task<ILocator> PinMessageAsync(string text) => MessageAt((await Message(text).GetAttributeAsync("data-seq"))!);

    /// <summary>A page the test opened itself, with the widget on it.</summary>
    public static WidgetPage On(IPage page) => new(page);

    /// <summary>The demo shop at <c>/</c> of <paramref name="origin"/>: the widget in support mode.</summary>
    public static async Task<WidgetPage> OpenShopAsync(IBrowserContext context, string origin)
    {
        var page = new WidgetPage(await context.NewPageAsync());
        await page.Page.GotoAsync(origin + "/");
        return page;
    }

    /// <summary><c>/demo/room</c>: the widget in room mode, signed in through the dev login, opened.</summary>
    public static async Task<WidgetPage> OpenRoomAsync(IBrowserContext context, string origin, string roomId, string userId, string name, string role = "member")
    {
        var page = new WidgetPage(await context.NewPageAsync());
        var query = $"name={Uri.EscapeDataString(name)}&user={Uri.EscapeDataString(userId)}&room={Uri.EscapeDataString(roomId)}&role={role}";
        await page.Page.GotoAsync($"{origin}/demo/room?{query}");
        await page.ExpectRoomPageReadyAsync(name);
        return page;
    }

    /// <summary>Reloads a room page: it signs in again and opens the widget by itself.</summary>
    public async Task ReloadRoomAsync(string name)
    {
        await Page.ReloadAsync();
        await ExpectRoomPageReadyAsync(name);
    }

    private async Task ExpectRoomPageReadyAsync(string name)
    {
        // The demo page says here whether its sign-in and room set-up worked.
        await Expect(Page.Locator("#status")).ToHaveTextAsync($"Signed in as {name}.");
        await Expect(Panel).ToBeVisibleAsync();
        await ExpectConnectedAsync();
    }

    /// <summary>Opens the panel of a page that does not open it by itself (the shop).</summary>
    public async Task OpenAsync()
    {
        if (!await Panel.IsVisibleAsync()) await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();
    }

    public Task ExpectConnectedAsync() => Expect(State).ToHaveAttributeAsync("data-state", "connected");

    /// <summary>
    /// Connected again after an outage: the widget's reconnect backoff has grown while the server was away (up to
    /// its 30 s cap), so its next attempt can come that long after the server is back.
    /// </summary>
    public Task ExpectReconnectedAsync() =>
        Expect(State).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 45_000 });

    public async Task SendAsync(string text)
    {
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
    }

    /// <summary>Waits until exactly these messages are shown, in this order.</summary>
    public Task ExpectDeliveredAsync(params string[] texts) => Expect(Delivered).ToHaveTextAsync(texts);

    /// <summary>The visitor's support room, from the session the widget keeps in local storage.</summary>
    public Task<string> SupportRoomIdAsync() =>
        Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('orleanschat:demo:session')).roomId");
}
