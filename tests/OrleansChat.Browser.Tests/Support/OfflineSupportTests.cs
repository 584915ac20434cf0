using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>
/// Out of hours: the widget says when the team is back and takes the visitor's address; the away agent is alerted,
/// and the answer and the transcript reach the visitor by e-mail after they left.
/// </summary>
public sealed class OfflineSupportTests : BrowserTest
{
    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();

    protected override IReadOnlyDictionary<string, string?> SiloSettings => _smtp.ChatEmailSettings();

    [Fact]
    public async Task Out_of_hours_a_visitor_leaves_an_address_the_away_agent_is_alerted_and_the_answer_and_transcript_reach_the_visitor_who_left()
    {
        // Tokyo's team: open all week, but closed today and tomorrow (Tokyo dates): back the day after at midnight Tokyo time.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime);
        using var admin = await System.TeamClientAsync("admin-ava", "admin");
        var everyDay = Enum.GetNames<DayOfWeek>().Select(day => new { day = day.ToLowerInvariant(), opens = "00:00", closes = "24:00" });
        (await admin.PutAsJsonAsync("/api/support/hours?siteId=demo",
            new { timeZone = "Asia/Tokyo", weekly = everyDay, closedDates = new[] { $"{today:yyyy-MM-dd}", $"{today.AddDays(1):yyyy-MM-dd}" } })).EnsureSuccessStatusCode();

        // The agent gives the console the address they are alerted at, and is away.
        var agent = await AgentConsolePage.SignInAsync(await NewContextAsync(), System.Origin, "agent-aki", "Aki");
        await agent.SetAwayAsync();
        await agent.Page.GetByLabel("Alert e-mail address").FillAsync("aki@demo.example");
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(agent.Page.Locator(".alert-saved")).ToHaveTextAsync("Saved");

        // A visitor in Paris reads the opening in their own zone and language, and leaves their address.
        var context = await NewContextAsync(timezoneId: "Europe/Paris", locale: "en-GB");
        var visitor = await WidgetPage.OpenShopAsync(context, System.Origin);
        await visitor.OpenAsync();
        await visitor.ExpectConnectedAsync();
        var offline = visitor.Page.Locator(".offline");
        var backInParis = TimeZoneInfo.ConvertTime(new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        await Expect(offline).ToContainTextAsync($"Our team is away. We are back on {backInParis.DateTime.ToString("dddd", CultureInfo.InvariantCulture)}");
        await Expect(offline).ToContainTextAsync($"at {backInParis.DateTime:HH:mm}");
        await offline.GetByLabel("Your e-mail address").FillAsync("visitor@example.com");
        await offline.GetByLabel("Send me the transcript when we are done").CheckAsync();
        await offline.GetByRole(AriaRole.Button, new() { Name = "Answer me by e-mail" }).ClickAsync();
        await Expect(offline.Locator(".offline-note")).ToHaveTextAsync("We will answer you at visitor@example.com.");

        // Waiting for a person while no agent is online: the agent hears of it by e-mail. Then the visitor leaves.
        await visitor.SendAsync("Is anyone there?");
        var alert = await _smtp.NextAsync(m => m.To.Mailboxes.Any(to => to.Address == "aki@demo.example"));
        Assert.Contains("visitor@example.com", alert.TextBody ?? "");
        await context.CloseAsync();

        // Later, the agent answers in the console.
        await Expect(agent.Waiting).ToHaveCountAsync(1);
        await agent.Waiting.First.ClickAsync();
        await Expect(agent.Details).ToContainTextAsync("visitor@example.com (wants the transcript)");
        await agent.Button("Take").ClickAsync();
        await Expect(agent.Badge).ToHaveTextAsync("Assigned to you");
        await agent.SendAsync("We are back: how can we help?");
        var answer = await _smtp.NextAsync(m => m.To.Mailboxes.Any(to => to.Address == "visitor@example.com"));
        Assert.Contains("We are back: how can we help?", answer.TextBody ?? "");

        await agent.Button("Resolve").ClickAsync();
        var transcript = await _smtp.NextAsync(m => m.To.Mailboxes.Any(to => to.Address == "visitor@example.com"));
        Assert.Contains("Is anyone there?", transcript.TextBody ?? "");
        Assert.Contains("Aki: We are back: how can we help?", transcript.TextBody ?? "");
        await _smtp.DisposeAsync();
    }
}
