using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>A shop visitor (support mode) and an agent answering in the visitor's support room (room mode).</summary>
public sealed class LiveChatTests : BrowserTest
{
    [Fact]
    public async Task Visitor_and_agent_chat_live_both_ways_with_typing_presence_and_seen()
    {
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        var roomId = await visitor.SupportRoomIdAsync();
        Assert.StartsWith("support:demo:v-", roomId);

        var agent = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "agent-ann", "Ann", role: "agent");

        await visitor.SendAsync("Hello, where is my order?");
        await agent.ExpectDeliveredAsync("Hello, where is my order?");
        await agent.SendAsync("Hi! Let me look it up.");
        await visitor.ExpectDeliveredAsync("Hello, where is my order?", "Hi! Let me look it up.");

        // The agent has the conversation open, so the visitor's message is read, and the visitor sees that.
        await Expect(visitor.Seen).ToHaveTextAsync("Seen by Ann");
        await Expect(visitor.Member("agent-ann")).ToHaveAttributeAsync("data-status", "online");

        // Typing shows with the typist's name, and clears when they pause...
        await agent.Input.FillAsync("It left our warehouse");
        await Expect(visitor.Typing).ToHaveTextAsync("Ann is typing…");
        await Expect(visitor.Typing).ToBeEmptyAsync();
        // ...or when they send.
        await agent.Input.PressSequentiallyAsync(" yesterday");
        await Expect(visitor.Typing).ToHaveTextAsync("Ann is typing…");
        await agent.Input.PressAsync("Enter");
        await Expect(visitor.Typing).ToBeEmptyAsync();
        await visitor.ExpectDeliveredAsync("Hello, where is my order?", "Hi! Let me look it up.", "It left our warehouse yesterday");

        // The agent closes their page: the visitor sees them go offline.
        await agent.Page.CloseAsync();
        await Expect(visitor.Member("agent-ann")).ToHaveAttributeAsync("data-status", "offline");
        Assert.Empty(visitor.Dialogs);
    }

    [Fact]
    public async Task The_launcher_badge_counts_unread_messages_until_the_chat_is_opened()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        // The page's JavaScript API: close the panel, and listen for messages.
        await bob.Page.EvaluateAsync("() => { window.received = []; OrleansChat.on('message', m => window.received.push(m.text)); OrleansChat.close(); }");
        await Expect(bob.Panel).ToBeHiddenAsync();
        await Expect(bob.Badge).ToBeHiddenAsync();

        await ann.SendAsync("one");
        await Expect(bob.Badge).ToHaveTextAsync("1");
        await ann.SendAsync("two");
        await ann.SendAsync("three");
        await Expect(bob.Badge).ToHaveTextAsync("3");
        await Expect(bob.Launcher).ToHaveAttributeAsync("aria-label", "Open chat, 3 unread");
        Assert.Equal(new[] { "one", "two", "three" }, await bob.Page.EvaluateAsync<string[]>("() => window.received"));

        await bob.Page.EvaluateAsync("() => OrleansChat.open()");
        await Expect(bob.Badge).ToBeHiddenAsync();
        await Expect(bob.Input).ToBeFocusedAsync();
        await ann.SendAsync("four");
        await bob.ExpectDeliveredAsync("one", "two", "three", "four");
        await Expect(bob.Badge).ToBeHiddenAsync();

        // Escape closes the panel and gives focus back to the launcher.
        await bob.Input.PressAsync("Escape");
        await Expect(bob.Panel).ToBeHiddenAsync();
        await Expect(bob.Launcher).ToBeFocusedAsync();
    }
}
