using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>After the desk: labels and the visitor's profile in the console, the visitor's rating, and the report that shows it.</summary>
public sealed class SupportRatingTests : BrowserTest
{
    [Fact]
    public async Task An_agent_labels_and_resolves_a_conversation_the_visitor_rates_it_and_the_report_and_archive_show_it()
    {
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        await agent.SetAwayAsync();
        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        await visitor.SendAsync("My parcel never came");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "waiting");

        await Expect(agent.Waiting).ToHaveCountAsync(1);
        await agent.Waiting.First.ClickAsync();
        await agent.Button("Take").ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Assigned to you");
        await agent.Pane.GetByLabel("New label").FillAsync("late parcel");
        await agent.Pane.GetByLabel("New label").PressAsync("Enter");
        await Expect(agent.Pane.Locator(".labels .label")).ToHaveTextAsync("late-parcel×");
        await Expect(agent.Mine.Locator(".label")).ToHaveTextAsync("late-parcel");
        await agent.Pane.Locator(".profile summary").ClickAsync();
        await Expect(agent.Pane.Locator(".profile .pages li")).ToHaveCountAsync(1);
        await Expect(agent.Pane.Locator(".profile")).ToContainTextAsync("This is their first.");
        await agent.SendAsync("Sorry! A new one is on its way.");
        await Expect(visitor.Delivered.Last).ToHaveTextAsync("Sorry! A new one is on its way.");
        await agent.Button("Resolve").ClickAsync();

        var rating = visitor.Page.Locator(".rating");
        await Expect(rating).ToBeVisibleAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "4 of 5" }).ClickAsync();
        await rating.GetByLabel("Comment").FillAsync("Quick fix");
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(rating).ToHaveTextAsync("Thank you for your rating.");

        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Reports" }).ClickAsync();
        var site = agent.Page.Locator("table.report tr[data-agent-id=\"\"]");
        await Expect(site.Locator(".count")).ToHaveTextAsync("1");
        await Expect(site.Locator(".rating")).ToHaveTextAsync("4.0 (1)");
        await Expect(agent.Page.Locator("table.report tr[data-agent-id=\"agent-ann\"] .count")).ToHaveTextAsync("1");

        await agent.Page.GetByLabel("Archive label").FillAsync("late-parcel");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var found = agent.Page.Locator("#archive li.conversation");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(found).ToContainTextAsync("4/5");
        await found.ClickAsync();
        await agent.Button("Reopen").ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Assigned to you");
        await Expect(visitor.SupportBar).ToHaveAttributeAsync("data-status", "assigned");
    }
}
