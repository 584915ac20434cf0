using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using OrleansChat.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>Out of hours: the widget says when the team is back and takes the visitor's address; the answer reaches them by e-mail.</summary>
public sealed class OfflineSupportTests(Chromium chromium) : BrowserTest(chromium)
{
    private readonly SmtpTestServer _smtp = SmtpTestServer.Start();

    protected override IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>
    {
        ["Chat:Email:Host"] = "127.0.0.1",
        ["Chat:Email:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Chat:Email:Tls"] = "None",
        ["Chat:Email:PollInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Out_of_hours_a_visitor_reads_when_the_team_is_back_leaves_an_address_and_gets_the_answer_by_email_after_leaving()
    {
        // Tokyo's team: open all week, but closed today and tomorrow (Tokyo dates): back the day after at midnight Tokyo time.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime);
        using var admin = await SignedInAsync("admin-ava", "admin");
        var everyDay = Enum.GetNames<DayOfWeek>().Select(day => new { day = day.ToLowerInvariant(), opens = "00:00", closes = "24:00" });
        (await admin.PutAsJsonAsync("/api/support/hours?siteId=demo",
            new { timeZone = "Asia/Tokyo", weekly = everyDay, closedDates = new[] { $"{today:yyyy-MM-dd}", $"{today.AddDays(1):yyyy-MM-dd}" } })).EnsureSuccessStatusCode();

        // A visitor in Paris reads the opening in their own zone and language.
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
        var conversationId = await visitor.SupportRoomIdAsync();
        await context.CloseAsync();

        // Later, an agent answers the visitor who has left.
        using var agent = await SignedInAsync("agent-aki", "agent");
        var taken = await (await agent.PostAsJsonAsync($"/api/support/conversations/{conversationId}/assign", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("visitor@example.com", taken.GetProperty("visitorEmail").GetString());
        (await agent.PostAsJsonAsync($"/api/rooms/{conversationId}/messages", new { clientMessageId = "answer-1", text = "We are back: how can we help?" })).EnsureSuccessStatusCode();

        var mail = await _smtp.NextAsync(m => m.To.Mailboxes.Any(to => to.Address == "visitor@example.com"));
        Assert.Contains("We are back: how can we help?", mail.TextBody ?? "");
        await _smtp.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(string userId, string role)
    {
        var http = System.Web.CreateHttpClient();
        var login = await http.PostAsJsonAsync("/api/auth/token", new { userId, role, siteId = "demo" });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
