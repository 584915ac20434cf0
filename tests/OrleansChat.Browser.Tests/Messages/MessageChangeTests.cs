using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

/// <summary>Messages that change, in the widget and the agent console: edits, deletions, reactions and replies, followed live.</summary>
public sealed class MessageChangeTests : BrowserTest
{
    [Fact]
    public async Task A_member_edits_and_deletes_in_the_widget_and_another_members_widget_follows_live_and_reactions_and_replies_show_on_both()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("helo wrold");
        await ann.SendAsync("something regrettable");
        await bob.ExpectDeliveredAsync("helo wrold", "something regrettable");

        // Ann edits her first message: Enter saves, and Bob sees the new text, marked as edited, without a reload.
        var typo = await ann.PinMessageAsync("helo wrold");
        await typo.HoverAsync();
        await typo.GetByRole(AriaRole.Button, new() { Name = "Edit message" }).ClickAsync();
        var editor = typo.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" });
        await Expect(editor).ToBeFocusedAsync();
        await Expect(editor).ToHaveValueAsync("helo wrold");
        await editor.FillAsync("hello <b>world</b>");
        await editor.PressAsync("Enter");
        foreach (var page in new[] { ann, bob })
        {
            await page.ExpectDeliveredAsync("hello <b>world</b>", "something regrettable");
            var edited = page.Message("hello <b>world</b>").Locator(".edited");
            await Expect(edited).ToHaveTextAsync("(edited)");
            await Expect(edited).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^Edited "));
            await Expect(page.Page.Locator("li.message b")).ToHaveCountAsync(0);
        }

        // Escape cancels an edit (and leaves the chat open), giving focus back to Edit.
        var edited1 = await ann.PinMessageAsync("hello <b>world</b>");
        await edited1.HoverAsync();
        await edited1.GetByRole(AriaRole.Button, new() { Name = "Edit message" }).ClickAsync();
        await edited1.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" }).PressAsync("Escape");
        await Expect(ann.Panel).ToBeVisibleAsync();
        await Expect(edited1.GetByRole(AriaRole.Button, new() { Name = "Edit message" })).ToBeFocusedAsync();
        await Expect(edited1.Locator(".text")).ToHaveTextAsync("hello <b>world</b>");

        // Ann deletes her second message, after saying yes: Bob sees a tombstone in its place.
        var regrettable = ann.Message("something regrettable");
        await regrettable.HoverAsync();
        await regrettable.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();
        await Expect(regrettable.Locator(".confirm-text")).ToHaveTextAsync("Delete this message?");
        await regrettable.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the message" }).ClickAsync();
        foreach (var page in new[] { ann, bob })
        {
            var tombstone = page.Page.Locator("ol.messages li.message.deleted");
            await Expect(tombstone).ToHaveCountAsync(1);
            await Expect(tombstone.Locator(".tombstone")).ToHaveTextAsync("Message deleted");
            await Expect(tombstone.Locator(".text, .reactions, .message-actions")).ToHaveCountAsync(0);
            await page.ExpectDeliveredAsync("hello <b>world</b>");
        }
        // Others' messages offer no Edit or Delete.
        var onBobsPage = bob.Message("hello <b>world</b>");
        await onBobsPage.HoverAsync();
        await Expect(onBobsPage.GetByRole(AriaRole.Button, new() { Name = "Edit message" })).ToHaveCountAsync(0);
        await Expect(onBobsPage.GetByRole(AriaRole.Button, new() { Name = "Delete message" })).ToHaveCountAsync(0);

        // Bob reacts with 👍: both see the count, pressed on Bob's page only.
        await onBobsPage.GetByRole(AriaRole.Button, new() { Name = "Add a reaction" }).ClickAsync();
        await onBobsPage.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
        await ExpectReactionAsync(bob, "hello <b>world</b>", "👍", count: 1, mine: true);
        await ExpectReactionAsync(ann, "hello <b>world</b>", "👍", count: 1, mine: false);
        // Ann adds hers by its chip: 2 on both, pressed on both.
        await ann.Message("hello <b>world</b>").Locator(".reaction[data-emoji=\"👍\"]").ClickAsync();
        await ExpectReactionAsync(ann, "hello <b>world</b>", "👍", count: 2, mine: true);
        await ExpectReactionAsync(bob, "hello <b>world</b>", "👍", count: 2, mine: true);

        // Bob asks; Ann answers that message: Bob sees the quote above her reply, and it leads to the question.
        await bob.SendAsync("lunch at noon?");
        await ann.ExpectDeliveredAsync("hello <b>world</b>", "lunch at noon?");
        var question = ann.Message("lunch at noon?");
        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Reply to Bob" }).ClickAsync();
        await Expect(ann.Page.Locator(".reply-banner")).ToContainTextAsync("Replying to Bob: lunch at noon?");
        await Expect(ann.Input).ToBeFocusedAsync();
        // Escape in the composer cancels the reply first, and leaves the chat open.
        await ann.Input.PressAsync("Escape");
        await Expect(ann.Page.Locator(".reply-banner")).ToBeHiddenAsync();
        await Expect(ann.Panel).ToBeVisibleAsync();
        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Reply to Bob" }).ClickAsync();
        await Expect(ann.Page.Locator(".reply-banner")).ToBeVisibleAsync();
        await ann.SendAsync("yes, at the usual place");
        await Expect(ann.Page.Locator(".reply-banner")).ToBeHiddenAsync();
        foreach (var page in new[] { ann, bob })
        {
            await page.ExpectDeliveredAsync("hello <b>world</b>", "lunch at noon?", "yes, at the usual place");
            var quote = page.Message("yes, at the usual place").Locator(".quote");
            await Expect(quote.Locator(".quote-sender")).ToHaveTextAsync("Bob");
            await Expect(quote.Locator(".quote-excerpt")).ToHaveTextAsync("lunch at noon?");
        }
        await bob.Message("yes, at the usual place").Locator(".quote").ClickAsync();
        await Expect(bob.Message("lunch at noon?")).ToBeFocusedAsync();

        // Bob takes his question back: the reply keeps who it answered, not what.
        var bobsQuestion = bob.Message("lunch at noon?");
        await bobsQuestion.HoverAsync();
        await bobsQuestion.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();
        await bobsQuestion.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the message" }).ClickAsync();
        foreach (var page in new[] { ann, bob })
        {
            await Expect(page.Page.Locator("ol.messages li.message.deleted")).ToHaveCountAsync(2);
            var quote = page.Message("yes, at the usual place").Locator(".quote");
            await Expect(quote.Locator(".quote-sender")).ToHaveTextAsync("Bob");
            await Expect(quote.Locator(".quote-excerpt")).ToHaveTextAsync("Message deleted");
        }

        // A reload reads the room as it now is.
        await bob.ReloadRoomAsync("Bob");
        await bob.ExpectDeliveredAsync("hello <b>world</b>", "yes, at the usual place");
        await ExpectReactionAsync(bob, "hello <b>world</b>", "👍", count: 2, mine: true);
        await Expect(bob.Page.Locator("ol.messages li.message.deleted")).ToHaveCountAsync(2);
        Assert.Empty(ann.Dialogs);
        Assert.Empty(bob.Dialogs);
    }

    [Fact]
    public async Task The_agent_console_shows_a_visitors_edits_deletions_reactions_and_replies_live()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync("my ordr is late");
        await visitor.SendAsync("never mind this");
        // Ann is online: the desk gives her the conversation.
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.Delivered).ToHaveTextAsync(["my ordr is late", "never mind this"]);
        await agent.SendAsync("Which order?");
        await visitor.ExpectDeliveredAsync("my ordr is late", "never mind this", "Which order?");

        var typo = await visitor.PinMessageAsync("my ordr is late");
        await typo.HoverAsync();
        await typo.GetByRole(AriaRole.Button, new() { Name = "Edit message" }).ClickAsync();
        await typo.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" }).FillAsync("my order is late");
        await typo.GetByRole(AriaRole.Button, new() { Name = "Save the edit" }).ClickAsync();
        await Expect(agent.Delivered.First).ToHaveTextAsync("my order is late");
        await Expect(agent.Pane.Locator("li.message .edited")).ToHaveTextAsync("(edited)");

        var second = visitor.Message("never mind this");
        await second.HoverAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the message" }).ClickAsync();
        await Expect(agent.Pane.Locator("li.message.deleted .tombstone")).ToHaveTextAsync("Message deleted");
        await Expect(agent.Delivered).ToHaveTextAsync(["my order is late", "Which order?"]);

        var question = visitor.Message("Which order?");
        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Add a reaction" }).ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "React with 🎉" }).ClickAsync();
        var chip = agent.Pane.Locator("li.message .reaction[data-emoji=\"🎉\"]");
        await Expect(chip).ToHaveTextAsync("🎉1");
        await Expect(chip).ToHaveAttributeAsync("data-me", "false");

        await question.HoverAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Reply to Ann" }).ClickAsync();
        await visitor.SendAsync("the one from Monday");
        var reply = agent.Pane.Locator("li.message").Filter(new() { HasText = "the one from Monday" });
        await Expect(reply.Locator(".quote-sender")).ToHaveTextAsync("Ann");
        await Expect(reply.Locator(".quote-excerpt")).ToHaveTextAsync("Which order?");
        Assert.Empty(visitor.Dialogs);
    }

    [Fact]
    public async Task A_member_whose_connection_was_down_while_messages_changed_shows_every_change_when_back()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bobContext = await NewContextAsync();
        // Bob's hub connections pass through the test, which can cut him off.
        var cutOff = await HubCutOff.RouteAsync(bobContext);
        var bob = await WidgetPage.OpenRoomAsync(bobContext, System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("first draft");
        await ann.SendAsync("to be taken back");
        await ann.SendAsync("react to me");
        await bob.ExpectDeliveredAsync("first draft", "to be taken back", "react to me");
        // One change while Bob is here, so that he comes back with a cursor past 0.
        await ReactAsync(ann, "react to me", "🎉");
        await ExpectReactionAsync(bob, "react to me", "🎉", count: 1, mine: false);

        await cutOff.CutAsync();
        await Expect(bob.State).Not.ToHaveAttributeAsync("data-state", "connected");
        var draft = await ann.PinMessageAsync("first draft");
        await draft.HoverAsync();
        await draft.GetByRole(AriaRole.Button, new() { Name = "Edit message" }).ClickAsync();
        await draft.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" }).FillAsync("final text");
        await draft.GetByRole(AriaRole.Textbox, new() { Name = "Edit message" }).PressAsync("Enter");
        var takenBack = ann.Message("to be taken back");
        await takenBack.HoverAsync();
        await takenBack.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();
        await takenBack.GetByRole(AriaRole.Button, new() { Name = "Yes, delete the message" }).ClickAsync();
        await ReactAsync(ann, "react to me", "👍");
        await ann.ExpectDeliveredAsync("final text", "react to me");
        await bob.ExpectDeliveredAsync("first draft", "to be taken back", "react to me");

        await cutOff.RestoreAsync();
        await bob.ExpectReconnectedAsync();
        await bob.ExpectDeliveredAsync("final text", "react to me");
        await Expect(bob.Message("final text").Locator(".edited")).ToHaveTextAsync("(edited)");
        await Expect(bob.Page.Locator("ol.messages li.message.deleted")).ToHaveCountAsync(1);
        await ExpectReactionAsync(bob, "react to me", "👍", count: 1, mine: false);
        await ExpectReactionAsync(bob, "react to me", "🎉", count: 1, mine: false);
    }

    private static async Task ReactAsync(WidgetPage page, string message, string emoji)
    {
        var target = page.Message(message);
        await target.HoverAsync();
        await target.GetByRole(AriaRole.Button, new() { Name = "Add a reaction" }).ClickAsync();
        await target.GetByRole(AriaRole.Button, new() { Name = $"React with {emoji}" }).ClickAsync();
    }

    private static async Task ExpectReactionAsync(WidgetPage page, string message, string emoji, int count, bool mine)
    {
        var chip = page.Message(message).Locator($".reaction[data-emoji=\"{emoji}\"]");
        await Expect(chip.Locator(".count")).ToHaveTextAsync(count.ToString());
        await Expect(chip).ToHaveAttributeAsync("aria-pressed", mine ? "true" : "false");
    }
}
