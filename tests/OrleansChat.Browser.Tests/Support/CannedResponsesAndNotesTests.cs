using System.Net.Http.Json;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>
/// An agent answers at the console with a canned response, picked by typing <c>/</c> and its shortcut, and writes a
/// private note beside it: the visitor's widget shows the answer, and never the note, live or after a reload.
/// </summary>
public sealed class CannedResponsesAndNotesTests : BrowserTest
{
    private const string StatusText = "Your order left our warehouse today; you will get a tracking link by e-mail.";
    private const string NoteText = "Second time this customer asks; offered voucher ZEBRA-77.";

    [Fact]
    public async Task An_agent_inserts_a_canned_response_with_its_shortcut_and_writes_a_note_the_visitor_never_sees()
    {
        await CreateCannedResponseAsync("order-delay", "Sorry for the delay: we are on it.");
        await CreateCannedResponseAsync("order-status", StatusText);
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.SendAsync("Where is my order?");
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.Delivered).ToHaveTextAsync(["Where is my order?"]);

        // "/" lists the site's responses; what follows narrows them; the keyboard picks one.
        var suggestions = agent.Pane.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" }).GetByRole(AriaRole.Option);
        await agent.Input.PressSequentiallyAsync("/");
        await Expect(suggestions).ToHaveCountAsync(2);
        await agent.Input.PressSequentiallyAsync("order-s");
        await Expect(suggestions).ToHaveCountAsync(1);
        await agent.Input.PressAsync("Backspace");
        await Expect(suggestions).ToHaveCountAsync(2);
        await agent.Input.PressAsync("ArrowDown");
        await Expect(suggestions.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await agent.Input.PressAsync("Enter");
        await Expect(suggestions).ToHaveCountAsync(0);
        await Expect(agent.Input).ToHaveValueAsync(StatusText);
        await agent.Input.PressAsync("Enter");
        await Expect(visitor.Delivered.Last).ToHaveTextAsync(StatusText);

        // A note: the composer's Note toggle, a note set apart among the messages, then a reply as usual.
        await agent.Button("Note").ClickAsync();
        await Expect(agent.Button("Note")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(agent.Pane.Locator(".composer .send")).ToHaveTextAsync("Add note");
        await agent.SendAsync(NoteText);
        await Expect(agent.Pane.Locator("li.message.note .text")).ToHaveTextAsync(NoteText);
        await Expect(agent.Input).ToHaveValueAsync("");
        await agent.Button("Note").ClickAsync();
        await agent.SendAsync("Anything else I can do?");
        await Expect(visitor.Delivered.Last).ToHaveTextAsync("Anything else I can do?");

        await Expect(visitor.Panel).Not.ToContainTextAsync("ZEBRA");
        await Expect(visitor.Delivered).ToHaveTextAsync(["Where is my order?", StatusText, "Anything else I can do?"]);
        await visitor.Page.ReloadAsync();
        await visitor.OpenAsync();
        await Expect(visitor.Delivered).ToHaveTextAsync(["Where is my order?", StatusText, "Anything else I can do?"]);
        await Expect(visitor.Panel).Not.ToContainTextAsync("ZEBRA");
        // Another of the site's agents opening the conversation reads the note too.
        var bob = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-bob", "Bob");
        await bob.Page.Locator("li.conversation").First.ClickAsync();
        await Expect(bob.Pane.Locator("li.message.note .text")).ToHaveTextAsync(NoteText);
        Assert.Empty(visitor.Dialogs);
    }

    /// <summary>As the demo site's agent would over REST.</summary>
    private async Task CreateCannedResponseAsync(string shortcut, string text)
    {
        using var http = await System.TeamClientAsync("agent-setup", "agent", "Setup");
        (await http.PostAsJsonAsync("/api/support/canned-responses", new { siteId = "demo", shortcut, text })).EnsureSuccessStatusCode();
    }
}
