using OrleansChat.Contracts;

namespace OrleansChat.Grains.Support;

/// <summary>
/// Business hours read in the site's own time zone, so that an opening at 09:00 stays at 09:00 local across daylight
/// saving changes. An opening that falls in a spring-forward gap opens as much later as the clocks jumped (02:30 ->
/// 03:30); one that falls in the hour repeated in autumn opens at its first occurrence.
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
                var opening = ToInstant(date.ToDateTime(TimeOnly.MinValue).AddMinutes(interval.OpensAt), zone);
                if (opening > instant) return new HoursDecision(false, opening);
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

    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsAmbiguousTime(local)) return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        // In a gap the clock reads the offset from before the jump, which puts the opening as much later.
        var offset = zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddDays(-1)) : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
