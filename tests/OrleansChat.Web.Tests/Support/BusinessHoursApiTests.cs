using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests.Support;

/// <summary>Business hours over REST: set by the site's admins, read by its visitors as whether anyone is there and when the team is back.</summary>
public sealed class BusinessHoursApiTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example";
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        ["Chat:Sites:shop:AllowedOrigins:0"] = ShopOrigin,
        ["Chat:Email:Host"] = "127.0.0.1",
        ["Chat:Email:Port"] = OrleansChat.Testing.FreePort.Next().ToString(),
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Admins_set_the_hours_and_visitors_learn_whether_anyone_is_there_and_when_the_team_is_back()
    {
        using var admin = Authorized(await TokenAsync("admin-ann", "admin"));
        using var agent = Authorized(await TokenAsync("agent-abe", "agent"));
        using var visitor = Authorized((await _system.OpenVisitorSessionAsync("shop", ShopOrigin)).GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.GetAsync("/api/support/hours?siteId=shop")).StatusCode);

        // Open every day but today and tomorrow (in Tokyo): out of hours, back the day after at 09:00 Tokyo time.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime);
        var everyDay = Enum.GetNames<DayOfWeek>().Select(day => new { day = day.ToLowerInvariant(), opens = "09:00", closes = "24:00" }).ToArray();
        var hours = new { timeZone = "Asia/Tokyo", weekly = everyDay, closedDates = new[] { today.AddDays(1).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd") } };
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/support/hours?siteId=shop", hours)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/support/hours?siteId=other", hours)).StatusCode);
        var set = await admin.PutAsJsonAsync("/api/support/hours?siteId=shop", hours);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var stored = await visitor.GetFromJsonAsync<JsonElement>("/api/support/hours?siteId=shop", Json);
        Assert.Equal("Asia/Tokyo", stored.GetProperty("timeZone").GetString());
        Assert.Equal([today.ToString("yyyy-MM-dd"), today.AddDays(1).ToString("yyyy-MM-dd")], stored.GetProperty("closedDates").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(("sunday", "09:00", "24:00"), Interval(stored.GetProperty("weekly")[0]));

        var availability = await visitor.GetFromJsonAsync<JsonElement>("/api/support/availability?siteId=shop", Json);
        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.False(availability.GetProperty("withinHours").GetBoolean());
        Assert.True(availability.GetProperty("emailCapture").GetBoolean());
        var backAt = TimeZoneInfo.ConvertTime(availability.GetProperty("backAt").GetDateTimeOffset(), tokyo);
        Assert.Equal(today.AddDays(2).ToDateTime(new TimeOnly(9, 0)), backAt.DateTime);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/support/hours?siteId=shop",
            new { timeZone = "Asia/Tokio", weekly = new[] { new { day = "someday", opens = "9", closes = "25:00" } } })).StatusCode);
        Assert.Equal("Asia/Tokyo", (await visitor.GetFromJsonAsync<JsonElement>("/api/support/hours?siteId=shop", Json)).GetProperty("timeZone").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/support/hours?siteId=shop")).StatusCode);
        Assert.True((await visitor.GetFromJsonAsync<JsonElement>("/api/support/availability?siteId=shop", Json)).GetProperty("withinHours").GetBoolean());
    }

    private static (string?, string?, string?) Interval(JsonElement interval) =>
        (interval.GetProperty("day").GetString(), interval.GetProperty("opens").GetString(), interval.GetProperty("closes").GetString());

    private Task<string> TokenAsync(string userId, string role) => _system.TeamTokenAsync(userId, role, "shop");

    private HttpClient Authorized(string token) => _system.Authorized(token);
}
