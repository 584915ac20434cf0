using System.Net.Http.Json;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>
/// A day at the desk, end to end: a visitor comes out of hours and leaves an address; an agent answers later with a
/// canned response and writes a private note; the visitor gets the answer by e-mail, finds it in the widget when
/// back, and never the note; then rates the conversation, and the report shows it.
/// </summary>
public sealed class OutOfHoursJourneyTests : BrowserTest
{
    private const string Question = "Do you ship to Norway?";
    private const string ShippingAnswer = "Yes: we ship to every country in Europe within five working days.";
    private const string NoteText = "Asked about Norway before; check customs form CN23.";

    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();

    protected override IReadOnlyDictionary<string, string?> SiloSettings => _smtp.ChatEmailSettings();

    [Fact]
    public async Task A_visitor_out_of_hours_is_answered_with_a_canned_response_never_sees_the_note_and_their_rating_reaches_the_report()
    {
        // The team works in UTC and is closed today and tomorrow.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var admin = await System.TeamClientAsync("admin-ava", "admin");
        var everyDay = Enum.GetNames<DayOfWeek>().Select(day => new { day = day.ToLowerInvariant(), opens = "00:00", closes = "24:00" });
        (await admin.PutAsJsonAsync("/api/support/hours?siteId=demo",
            new { timeZone = "UTC", weekly = everyDay, closedDates = new[] { $"{today:yyyy-MM-dd}", $"{today.AddDays(1):yyyy-MM-dd}" } })).EnsureSuccessStatusCode();
        using var setup = await System.TeamClientAsync("agent-setup", "agent");
        (await setup.PostAsJsonAsync("/api/support/canned-responses", new { siteId = "demo", shortcut = "shipping", text = ShippingAnswer })).EnsureSuccessStatusCode();

        // Out of hours: the widget says when the team is back; the visitor leaves an address, asks, and leaves.
        var visitorContext = await NewContextAsync(timezoneId: "UTC", locale: "en-GB");
        var visitor = await WidgetPage.OpenShopAsync(visitorContext, System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        var offline = visitor.Page.Locator(".offline");
        await Expect(offline).ToContainTextAsync("Our team is away. We are back on");
        await offline.GetByLabel("Your e-mail address").FillAsync("nora@example.com");
        await offline.GetByRole(AriaRole.Button, new() { Name = "Answer me by e-mail" }).ClickAsync();
        await Expect(offline.Locator(".offline-note")).ToHaveTextAsync("We will answer you at nora@example.com.");
        await visitor.SendAsync(Question);
        await Expect(visitor.Delivered).ToHaveTextAsync([Question]);
        await visitor.Page.GotoAsync("about:blank");

        // Later, an agent signs in, which gives them the waiting conversation; they answer with the canned response
        // and write a note.
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-ann", "Ann");
        await Expect(agent.Mine).ToHaveCountAsync(1);
        await agent.Mine.First.ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Assigned to you");
        await Expect(agent.Details).ToContainTextAsync("nora@example.com");
        await agent.Input.PressSequentiallyAsync("/shipping");
        await agent.Input.PressAsync("Enter");
        await Expect(agent.Input).ToHaveValueAsync(ShippingAnswer);
        await agent.Input.PressAsync("Enter");
        await agent.Button("Note").ClickAsync();
        await agent.SendAsync(NoteText);
        await Expect(agent.Pane.Locator("li.message.note .text")).ToHaveTextAsync(NoteText);
        await agent.Button("Note").ClickAsync();

        // The visitor who left gets the answer by e-mail, and not the note.
        var mail = await _smtp.NextAsync(m => m.To.Mailboxes.Any(to => to.Address == "nora@example.com"));
        Assert.Contains(ShippingAnswer, mail.TextBody ?? "");
        Assert.DoesNotContain("CN23", mail.TextBody ?? "");

        // Back in the shop, the widget shows the answer and never the note.
        visitor = await WidgetPage.OpenShopAsync(visitorContext, System.Origin);
        await visitor.OpenAsync();
        await Expect(visitor.Delivered).ToHaveTextAsync([Question, ShippingAnswer]);
        await Expect(visitor.Panel).Not.ToContainTextAsync("CN23");

        // Resolved, the visitor rates it, and the report shows the rating.
        await agent.Button("Resolve").ClickAsync();
        var rating = visitor.Page.Locator(".rating");
        await Expect(rating).ToBeVisibleAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "5 of 5" }).ClickAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(rating).ToHaveTextAsync("Thank you for your rating.");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Reports" }).ClickAsync();
        var site = agent.Page.Locator("table.report tr[data-agent-id=\"\"]");
        await Expect(site.Locator(".count")).ToHaveTextAsync("1");
        await Expect(site.Locator(".rating")).ToHaveTextAsync("5.0 (1)");
        await Expect(visitor.Panel).Not.ToContainTextAsync("CN23");
        await _smtp.DisposeAsync();
    }
}
