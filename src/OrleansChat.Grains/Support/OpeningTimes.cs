using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// Business hours read in the site's own time zone, so that an opening at 09:00 stays at 09:00 local across daylight
/// saving changes. The site is open while its clock reads within an interval: an opening that falls in a
/// spring-forward gap opens when the clocks jump past it (02:30 -> 03:00), and one in the hour repeated in autumn
/// opens at each of its occurrences.
/// </summary>
public static class OpeningTimes
{
    /// <summary>How far ahead the next opening is looked for: a year of closed dates and then some.</summary>
    private const int DaysAhead = 400;

    public const int MinutesPerDay = 24 * 60;

    public static bool IsKnownZone(string timeZone) => TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _);

    public static HoursDecision Decide(BusinessHours hours, DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        if (IsOpen(hours, local)) return new HoursDecision(true, null);
        var today = DateOnly.FromDateTime(local);
        for (var day = 0; day <= DaysAhead; day++)
        {
            var date = today.AddDays(day);
            if (hours.ClosedDates.Contains(date)) continue;
            foreach (var interval in hours.Weekly.Where(i => i.Day == date.DayOfWeek).OrderBy(i => i.OpensAt))
            {
                var opensAt = date.ToDateTime(TimeOnly.MinValue).AddMinutes(interval.OpensAt);
                var next = Instants(opensAt, zone).Where(opening => opening > instant).Select(opening => (DateTimeOffset?)opening).FirstOrDefault();
                if (next is not null) return new HoursDecision(false, next);
            }
        }
        return new HoursDecision(false, null);
    }

    private static bool IsOpen(BusinessHours hours, DateTime local)
    {
        if (hours.ClosedDates.Contains(DateOnly.FromDateTime(local))) return false;
        var minute = (int)local.TimeOfDay.TotalMinutes;
        return hours.Weekly.Any(i => i.Day == local.DayOfWeek && minute >= i.OpensAt && minute < i.ClosesAt);
    }

    /// <summary>The instants at which the zone's clock comes to read <paramref name="local"/>, earliest first.</summary>
    private static IEnumerable<DateTimeOffset> Instants(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsAmbiguousTime(local)) return zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset)).Order();
        if (!zone.IsInvalidTime(local)) return [new DateTimeOffset(local, zone.GetUtcOffset(local))];
        // Skipped by a jump: the first minute after it, when the clock reads past it (gaps last minutes to hours).
        var instant = new DateTimeOffset(local, zone.GetUtcOffset(local.AddDays(1)));
        while (TimeZoneInfo.ConvertTime(instant, zone).DateTime < local) instant = instant.AddMinutes(1);
        return [instant];
    }
}
