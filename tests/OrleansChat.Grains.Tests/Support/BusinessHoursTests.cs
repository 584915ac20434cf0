using OrleansChat.Contracts;

namespace OrleansChat.Grains.Tests.Support;

/// <summary>
/// A site's business hours, decided by its hours grain in the site's own time zone: across zones, over weekends,
/// closed dates, and the daylight saving changes of spring and autumn.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class BusinessHoursTests(ChatClusterFixture fixture)
{
    private static readonly ChatUser Admin = new("admin-hours", "Admin", UserRole.Admin);

    [Theory]
    // Paris, Monday 30 March 2026, the day after the clocks went forward (UTC+2): 09:00-17:00 local is 07:00-15:00 UTC.
    [InlineData("2026-03-30T06:59:00Z", false, "2026-03-30T07:00:00Z")]
    [InlineData("2026-03-30T07:00:00Z", true, null)]
    [InlineData("2026-03-30T14:59:59Z", true, null)]
    [InlineData("2026-03-30T15:00:00Z", false, "2026-03-31T07:00:00Z")]
    // Friday 27 March 17:00 (UTC+1) to Monday 09:00 (UTC+2): the weekend holds the spring change.
    [InlineData("2026-03-27T16:00:00Z", false, "2026-03-30T07:00:00Z")]
    // Friday 23 October to Monday 26 October 09:00 (UTC+1): the weekend holds the autumn change.
    [InlineData("2026-10-23T15:00:00Z", false, "2026-10-26T08:00:00Z")]
    // Christmas (Friday) is closed: from Thursday evening to Monday 28 December.
    [InlineData("2026-12-24T16:30:00Z", false, "2026-12-28T08:00:00Z")]
    [InlineData("2026-12-25T10:00:00Z", false, "2026-12-28T08:00:00Z")]
    public async Task Paris_office_hours_are_kept_in_local_time_across_weekends_daylight_saving_and_closed_dates(string at, bool open, string? next)
    {
        var hours = await SiteWithHoursAsync(new BusinessHours("Europe/Paris", Weekdays(9 * 60, 17 * 60), [new DateOnly(2026, 12, 25)]));

        var decision = await hours.DecideAt(DateTimeOffset.Parse(at));

        Assert.Equal(new HoursDecision(open, next is null ? null : DateTimeOffset.Parse(next)), decision);
    }

    [Fact]
    public async Task The_same_instant_is_within_hours_in_Tokyo_and_out_of_them_in_Los_Angeles()
    {
        var tokyo = await SiteWithHoursAsync(new BusinessHours("Asia/Tokyo", Weekdays(9 * 60, 17 * 60), []));
        var losAngeles = await SiteWithHoursAsync(new BusinessHours("America/Los_Angeles", Weekdays(9 * 60, 17 * 60), []));
        // Monday 1 June 2026, 10:00 in Tokyo; Sunday 31 May, 18:00 in Los Angeles (UTC-7).
        var instant = DateTimeOffset.Parse("2026-06-01T01:00:00Z");

        Assert.Equal(new HoursDecision(true, null), await tokyo.DecideAt(instant));
        Assert.Equal(new HoursDecision(false, DateTimeOffset.Parse("2026-06-01T16:00:00Z")), await losAngeles.DecideAt(instant));
    }

    [Fact]
    public async Task An_opening_in_the_spring_gap_opens_when_the_clocks_jump_past_it()
    {
        // New York, Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT, so 02:30 never happens.
        var hours = await SiteWithHoursAsync(new BusinessHours("America/New_York", [new OpeningInterval(DayOfWeek.Sunday, 2 * 60 + 30, 5 * 60)], []));

        Assert.Equal(new HoursDecision(false, DateTimeOffset.Parse("2026-03-08T07:00:00Z")), await hours.DecideAt(DateTimeOffset.Parse("2026-03-08T06:00:00Z")));
        Assert.False((await hours.DecideAt(DateTimeOffset.Parse("2026-03-08T06:59:00Z"))).Open);
        Assert.Equal(new HoursDecision(true, null), await hours.DecideAt(DateTimeOffset.Parse("2026-03-08T07:00:00Z")));
        // 05:00 EDT closes it, an hour earlier in UTC than the week before.
        Assert.False((await hours.DecideAt(DateTimeOffset.Parse("2026-03-08T09:00:00Z"))).Open);
        Assert.True((await hours.DecideAt(DateTimeOffset.Parse("2026-03-01T09:00:00Z"))).Open);
    }

    [Fact]
    public async Task An_opening_in_the_repeated_autumn_hour_opens_at_each_occurrence()
    {
        // New York, Sunday 1 November 2026: 02:00 EDT falls back to 01:00 EST, so 01:30-02:00 happens twice.
        var hours = await SiteWithHoursAsync(new BusinessHours("America/New_York", [new OpeningInterval(DayOfWeek.Sunday, 60 + 30, 2 * 60)], []));

        Assert.Equal(new HoursDecision(false, DateTimeOffset.Parse("2026-11-01T05:30:00Z")), await hours.DecideAt(DateTimeOffset.Parse("2026-11-01T04:00:00Z")));
        Assert.True((await hours.DecideAt(DateTimeOffset.Parse("2026-11-01T05:45:00Z"))).Open);
        Assert.Equal(new HoursDecision(false, DateTimeOffset.Parse("2026-11-01T06:30:00Z")), await hours.DecideAt(DateTimeOffset.Parse("2026-11-01T06:15:00Z")));
        Assert.True((await hours.DecideAt(DateTimeOffset.Parse("2026-11-01T06:45:00Z"))).Open);
        Assert.Equal(new HoursDecision(false, DateTimeOffset.Parse("2026-11-08T06:30:00Z")), await hours.DecideAt(DateTimeOffset.Parse("2026-11-01T07:00:00Z")));
    }

    [Fact]
    public async Task A_site_without_hours_is_always_within_them_and_one_never_open_has_no_next_opening()
    {
        var site = fixture.Grains.GetGrain<ISupportHoursGrain>(NewSiteId());
        Assert.Equal(new HoursDecision(true, null), await site.DecideAt(DateTimeOffset.Parse("2026-12-25T03:00:00Z")));

        await site.SetHours(Admin, new BusinessHours("UTC", [], []));
        Assert.Equal(new HoursDecision(false, null), await site.DecideAt(DateTimeOffset.Parse("2026-12-25T03:00:00Z")));

        await site.SetHours(Admin, null);
        Assert.Null(await site.GetHours());
    }

    [Fact]
    public async Task Only_admins_set_hours_and_bad_hours_are_refused_without_changing_the_stored_ones()
    {
        var stored = new BusinessHours("Europe/Paris", Weekdays(9 * 60, 17 * 60), []);
        var site = await SiteWithHoursAsync(stored);

        var agent = new ChatUser("agent-hours", "Agent", UserRole.Agent);
        Assert.Equal(ChatError.Forbidden, (await Assert.ThrowsAsync<ChatException>(() => site.SetHours(agent, null))).Error);
        foreach (var bad in new[]
                 {
                     new BusinessHours("Mars/Olympus_Mons", [], []),
                     new BusinessHours("UTC", [new OpeningInterval(DayOfWeek.Monday, 600, 600)], []),
                     new BusinessHours("UTC", [new OpeningInterval(DayOfWeek.Monday, 600, 24 * 60 + 1)], []),
                     new BusinessHours("UTC", [new OpeningInterval((DayOfWeek)9, 0, 60)], []),
                 })
        {
            Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => site.SetHours(Admin, bad))).Error);
        }

        var kept = await site.GetHours();
        Assert.Equal(stored.TimeZone, kept!.TimeZone);
        Assert.Equal(stored.Weekly, kept.Weekly);
    }

    [Fact]
    public async Task The_desk_is_available_only_within_hours_with_an_agent_online_and_says_when_it_is_back_otherwise()
    {
        var siteId = NewSiteId();
        var desk = fixture.Grains.GetGrain<ISupportDeskOffline>(siteId);
        var hours = fixture.Grains.GetGrain<ISupportHoursGrain>(siteId);
        var allWeek = Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, 0, 24 * 60)).ToArray();
        await hours.SetHours(Admin, new BusinessHours("Europe/Paris", allWeek, []));

        var nobody = await desk.GetAvailability();
        Assert.Equal((false, true, false, (DateTimeOffset?)null), (nobody.Available, nobody.WithinHours, nobody.AgentsOnline, nobody.BackAt));

        var agent = new ChatUser($"agent-{Guid.NewGuid():N}"[..16], "Ada", UserRole.Agent);
        await fixture.Grains.GetGrain<IUserGrain>(agent.UserId).Connect(agent, "node-1", $"connection-{agent.UserId}", version: 1);
        await fixture.Grains.GetGrain<ISupportDeskGrain>(siteId).RefreshAgent(agent);
        Assert.True((await desk.GetAvailability()).Available);

        // Closed today and tomorrow in Paris: out of hours, back the day after at local midnight.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        await hours.SetHours(Admin, new BusinessHours("Europe/Paris", allWeek, [today, today.AddDays(1)]));
        var closed = await desk.GetAvailability();
        Assert.Equal((false, false, true, "Europe/Paris"), (closed.Available, closed.WithinHours, closed.AgentsOnline, closed.TimeZone));
        var backLocal = TimeZoneInfo.ConvertTime(closed.BackAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(today.AddDays(2).ToDateTime(TimeOnly.MinValue), backLocal.DateTime);
    }

    private async Task<ISupportHoursGrain> SiteWithHoursAsync(BusinessHours hours)
    {
        var site = fixture.Grains.GetGrain<ISupportHoursGrain>(NewSiteId());
        await site.SetHours(Admin, hours);
        return site;
    }

    private static OpeningInterval[] Weekdays(int opensAt, int closesAt) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new OpeningInterval(day, opensAt, closesAt))];

    private static string NewSiteId() => $"site-{Guid.NewGuid():N}"[..16];
}
