using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>Live support end to end: the assistant answers first, then a person at the agent console takes over.</summary>
public sealed class SupportDeskTests(Chromium chromium) : BrowserTest(chromium)
{
    protected override bool SupportBot => true;

    [Fact]
    public async Task The_bot_answers_streaming_then_an_agent_takes_over_chats_both_ways_and_resolves_and_both_see_each_status()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        // Away, so that the conversation waits in the queue until Ann picks it.
        await agent.SetAwayAsync();

        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        // A page view alone opens no conversation.
        await Expect(visitor.SupportBar).ToBeHiddenAsync();
        await RecordStreamedAnswersAsync(visitor.Page);

        await visitor.SendAsync("How long do I have to return a jacket?");
        await Expect(visitor.Delivered.Nth(1)).ToContainTextAsync("within 30 days");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("() => window.sawAnswerGrow"), "the answer should have grown on screen before it was stored");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "bot");
        await Expect(visitor.SupportBar).ToContainTextAsync("Our assistant answers first.");

        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Talk to a human" }).ClickAsync();
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");
        await Expect(visitor.SupportBar).ToContainTextAsync("you are next");

        // The agent sees the visitor waiting, with where they are, and takes the conversation.
        await Expect(agent.Waiting).ToHaveCountAsync(1);
        await agent.Waiting.First.ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Waiting (#1 in line)");
        await Expect(agent.Details).ToContainTextAsync(System.Origin + "/");
        await agent.Button("Take").ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Assigned to you");
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann joined the chat.");

        // Everything that came before, the assistant's part included.
        await Expect(agent.Delivered).ToHaveCountAsync(2);
        await Expect(agent.Delivered.First).ToHaveTextAsync("How long do I have to return a jacket?");
        await Expect(agent.Pane.Locator("li.message[data-kind=\"assistant\"]")).ToContainTextAsync("within 30 days");

        await agent.SendAsync("Hi, I am Ann. Which jacket is it?");
        await Expect(visitor.Delivered.Last).ToHaveTextAsync("Hi, I am Ann. Which jacket is it?");
        await visitor.Input.PressSequentiallyAsync("The blue one");
        await Expect(agent.Typing).ToHaveTextAsync("Visitor is typing…");
        await visitor.Input.PressAsync("Enter");
        await Expect(agent.Delivered.Last).ToHaveTextAsync("The blue one");
        await Expect(agent.Typing).ToBeEmptyAsync();
        // The visitor has the chat open: the agent sees their reply read, and the visitor online.
        await Expect(agent.Seen).ToHaveTextAsync("Seen by Visitor");
        await Expect(agent.Pane.Locator(".who .dot")).ToHaveAttributeAsync("data-status", "online");

        await agent.Button("Resolve").ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Resolved");
        await Expect(agent.Mine).ToHaveCountAsync(0);
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Talk to a human" })).ToBeVisibleAsync();
        Assert.Empty(visitor.Dialogs);
    }

    [Fact]
    public async Task A_question_the_help_pages_cannot_answer_goes_to_the_online_agent_who_transfers_it_to_a_colleague()
    {
        var ann = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        var bob = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-bob", "Bob");
        await bob.SetAwayAsync();
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();

        await visitor.SendAsync("Can you deliver a canoe to a lighthouse?");

        // Nothing in the help pages: no guess, a person. Ann is the one online.
        await Expect(ann.Mine).ToHaveCountAsync(1);
        await Expect(visitor.SupportBar).ToContainTextAsync("Ann joined the chat.");
        await ann.Mine.First.ClickAsync();
        await ann.Pane.Locator(".transfer-to").SelectOptionAsync("agent-bob");
        await ann.Button("Transfer").ClickAsync();

        await Expect(ann.Mine).ToHaveCountAsync(0);
        await Expect(ann.Badge).ToHaveTextAsync("Assigned to Bob");
        await Expect(bob.Mine).ToHaveCountAsync(1);
        await Expect(visitor.SupportBar).ToContainTextAsync("Bob joined the chat.");
        await bob.Mine.First.ClickAsync();
        await Expect(bob.Delivered).ToHaveTextAsync(["Can you deliver a canoe to a lighthouse?"]);
        await bob.SendAsync("Bob here: let me ask our logistics team.");
        await Expect(visitor.Delivered.Last).ToHaveTextAsync("Bob here: let me ask our logistics team.");
    }

    /// <summary>Notes in the page whether an answer being written (<c>aria-busy</c>) ever showed in the widget.</summary>
    private static Task RecordStreamedAnswersAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.sawAnswerGrow = false;
          const root = document.querySelector('[data-orleanschat]').shadowRoot;
          new MutationObserver(records => {
            if (records.some(r => [...r.addedNodes].some(n => n.getAttribute?.('aria-busy') === 'true'))) window.sawAnswerGrow = true;
          }).observe(root, { childList: true, subtree: true });
        }
        """);
}
