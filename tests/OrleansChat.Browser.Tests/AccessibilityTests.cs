using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>
/// The widget, the agent console and the demo pages checked by axe-core (no serious or critical violation), and the
/// whole visitor flow done with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests : BrowserTest
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_widget_closed_open_and_with_messages_has_no_serious_violations(ColorScheme scheme)
    {
        var theme = scheme == ColorScheme.Dark ? "dark" : "light";
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(colorScheme: scheme), System.Origin);
        await Expect(visitor.Page.Locator($".root[data-theme={theme}]")).ToBeAttachedAsync();
        await Expect(visitor.Launcher).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(visitor.Page, $"the shop with the widget closed ({theme})");

        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(visitor.Page, $"the widget open ({theme})");

        await visitor.SendAsync("Hello, do you ship to Iceland? https://example.com/shipping");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");
        var agent = await WidgetPage.OpenRoomAsync(await NewContextAsync(colorScheme: scheme), System.Origin,
            await visitor.SupportRoomIdAsync(), "agent-ann", "Ann", role: "agent");
        await agent.SendAsync("We do, in 3 to 5 days.");
        await visitor.ExpectDeliveredAsync("Hello, do you ship to Iceland? https://example.com/shipping", "We do, in 3 to 5 days.");
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann joined the chat.");
        await Expect(visitor.Seen).ToHaveTextAsync("Seen by Ann");
        await Accessibility.ExpectNoSeriousViolationsAsync(visitor.Page, $"the widget with messages ({theme})");
        // The message's controls show while the focus is in it.
        await visitor.Message("We do, in 3 to 5 days.").Locator(".action.reply").FocusAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(visitor.Page, $"the widget with a message's controls showing ({theme})");

        // The agent's side: the room demo page, with the widget in room mode.
        await agent.ExpectDeliveredAsync("Hello, do you ship to Iceland? https://example.com/shipping", "We do, in 3 to 5 days.");
        await Accessibility.ExpectNoSeriousViolationsAsync(agent.Page, $"the room demo page ({theme})");
    }

    [Fact]
    public async Task The_agent_console_signed_out_and_with_a_conversation_has_no_serious_violations()
    {
        var context = await NewContextAsync(width: 1100, height: 700);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(System.Origin + "/agent");
        await Expect(signIn.GetByLabel("Agent id")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(signIn, "the console's sign-in");

        var agent = await AgentConsolePage.SignInAsync(context, System.Origin, "agent-ann", "Ann");
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.SendAsync("Hi! Can I change my delivery address?");
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await agent.SendAsync("Yes: which address should it go to?");
        await Expect(agent.Delivered).ToHaveTextAsync(["Hi! Can I change my delivery address?", "Yes: which address should it go to?"]);
        await Accessibility.ExpectNoSeriousViolationsAsync(agent.Page, "the console with a conversation");
    }

    [Fact]
    public async Task A_visitor_opens_writes_sends_edits_and_closes_the_chat_with_the_keyboard_alone()
    {
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await Expect(visitor.Launcher).ToBeVisibleAsync();

        // Tab through the shop until the launcher has the focus.
        await TabUntilAsync(visitor.Page, "Tab", "Open chat");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Panel).ToBeVisibleAsync();
        await Expect(visitor.Input).ToBeFocusedAsync();
        await visitor.ExpectConnectedAsync();

        await visitor.Page.Keyboard.TypeAsync("Do you have the Fjell jacket in green?");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.ExpectDeliveredAsync("Do you have the Fjell jacket in green?");
        await Expect(visitor.Input).ToBeFocusedAsync();

        // Back from the composer to the message's own controls: Edit turns it into an editor, Enter saves.
        await TabUntilAsync(visitor.Page, "Shift+Tab", "Edit message");
        await Expect(visitor.Message("Do you have the Fjell jacket in green?").Locator(".message-actions")).ToBeVisibleAsync();
        await visitor.Page.Keyboard.PressAsync("Enter");
        var editor = visitor.Page.Locator("ol.messages .edit-field");
        await Expect(editor).ToBeFocusedAsync();
        await visitor.Page.Keyboard.PressAsync("End");
        await visitor.Page.Keyboard.TypeAsync(" Size M");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.ExpectDeliveredAsync("Do you have the Fjell jacket in green? Size M");

        // Reply to it, from its Reply control: the composer takes the focus, Enter sends the reply with its quote.
        await TabUntilAsync(visitor.Page, "Shift+Tab", "Reply to Visitor");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Input).ToBeFocusedAsync();
        await visitor.Page.Keyboard.TypeAsync("Or in blue");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.ExpectDeliveredAsync("Do you have the Fjell jacket in green? Size M", "Or in blue");
        await Expect(visitor.Message("Or in blue").Locator(".quote")).ToContainTextAsync("Do you have the Fjell jacket in green? Size M");

        // Forward to the send button and the support bar's button, then Escape: the panel closes, the launcher has the focus.
        await TabUntilAsync(visitor.Page, "Tab", "Send");
        await visitor.Page.Keyboard.PressAsync("Escape");
        await Expect(visitor.Panel).ToBeHiddenAsync();
        await Expect(visitor.Launcher).ToBeFocusedAsync();
        await Expect(visitor.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
        // And it opens again from there.
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Panel).ToBeVisibleAsync();
        await Expect(visitor.Input).ToBeFocusedAsync();
    }

    [Fact]
    public async Task New_messages_are_announced_one_by_one_in_a_polite_live_region()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        await ann.SendAsync("Before Bob came");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await bob.ExpectDeliveredAsync("Before Bob came");
        var announcer = bob.Page.Locator(".panel > [aria-live=polite][aria-atomic=false]");
        // The history Bob found on arrival is not read out.
        await Expect(announcer).ToBeEmptyAsync();

        await ann.SendAsync("Welcome, Bob");
        await ann.SendAsync("Coffee at three?");
        await Expect(announcer.Locator("p")).ToHaveTextAsync(["Ann: Welcome, Bob", "Ann: Coffee at three?"]);
        // Bob's own message is not read back to him.
        await bob.SendAsync("Sure");
        await ann.ExpectDeliveredAsync("Before Bob came", "Welcome, Bob", "Coffee at three?", "Sure");
        await Expect(announcer.Locator("p")).ToHaveTextAsync(["Ann: Welcome, Bob", "Ann: Coffee at three?"]);
    }

    [Fact]
    public async Task Nothing_moves_for_a_visitor_who_asked_for_reduced_motion()
    {
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync("Hello");
        await visitor.ExpectDeliveredAsync("Hello");
        var toolbar = visitor.Message("Hello").Locator(".message-actions");
        const string transition = "e => getComputedStyle(e).transitionDuration";
        // The toolbar fades in for everyone else...
        Assert.NotEqual("0s", await toolbar.EvaluateAsync<string>(transition));
        // ...and appears at once for someone who asked for less motion.
        await visitor.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.Equal("0s", await toolbar.EvaluateAsync<string>(transition));
    }

    /// <summary>
    /// Presses <paramref name="key"/> until the control named <paramref name="name"/> (its label or text) inside the
    /// widget has the focus; fails after 40 presses, naming where the focus went.
    /// </summary>
    private static async Task TabUntilAsync(IPage page, string key, string name)
    {
        var visited = new List<string>();
        for (var press = 0; press < 40; press++)
        {
            await page.Keyboard.PressAsync(key);
            var focused = await page.EvaluateAsync<string>("""
                () => {
                  const inner = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
                  return inner ? (inner.getAttribute('aria-label') ?? inner.textContent ?? '').trim() : '';
                }
                """);
            if (focused == name) return;
            visited.Add(focused);
        }
        Assert.Fail($"No control named \"{name}\" took the focus; it went to: {string.Join(" | ", visited)}");
    }
}
