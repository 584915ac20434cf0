using System.Globalization;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Support;

/// <summary>
/// Business hours as the API reads and writes them: an IANA <c>timeZone</c>, <c>weekly</c> intervals such as
/// <c>{ "day": "monday", "opens": "09:00", "closes": "17:30" }</c> (<c>closes</c> may be <c>24:00</c>), and
/// <c>closedDates</c> (<c>yyyy-MM-dd</c>, dates in that zone).
/// </summary>
public sealed record BusinessHoursBody(string? TimeZone, OpeningIntervalBody?[]? Weekly, string?[]? ClosedDates)
{
    public static BusinessHoursBody From(BusinessHours hours) => new(
        hours.TimeZone,
        [.. hours.Weekly.Select(i => new OpeningIntervalBody(i.Day.ToString().ToLowerInvariant(), Clock(i.OpensAt), Clock(i.ClosesAt)))],
        [.. hours.ClosedDates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);

    /// <summary>The hours, or the problems found on <paramref name="rules"/> (thrown).</summary>
    public BusinessHours Parse(InputRules rules)
    {
        var weekly = Weekly ?? [];
        var closed = ClosedDates ?? [];
        var intervals = weekly.Select(i => i is not null && TryDay(i.Day, out var day) && TryMinute(i.Opens, out var opens) && TryMinute(i.Closes, out var closes)
            ? new OpeningInterval(day, opens, closes) : null).ToArray();
        var dates = closed.Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null).ToArray();
        rules.Require(TimeZone is { Length: > 0 and <= 64 } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), "timeZone", "timeZone must be an IANA time zone, e.g. Europe/Paris.")
            .Require(weekly.Length <= 70 && intervals.All(i => i is not null), "weekly",
                "weekly holds up to 70 intervals of a day (monday to sunday), opens and closes as HH:mm (closes may be 24:00).")
            .Require(intervals.All(i => i is null || i.OpensAt < i.ClosesAt), "weekly", "Each interval opens before it closes.")
            .Require(closed.Length <= 366 && dates.All(d => d is not null), "closedDates", "closedDates holds up to 366 dates as yyyy-MM-dd.")
            .ThrowIfInvalid();
        return new BusinessHours(TimeZone!, [.. intervals.Select(i => i!)], [.. dates.Select(d => d!.Value)]);
    }

    private static bool TryDay(string? text, out DayOfWeek day) =>
        Enum.TryParse(text, ignoreCase: true, out day) && text!.All(char.IsLetter);

    /// <summary><c>HH:mm</c> as minutes after midnight, <c>24:00</c> included.</summary>
    private static bool TryMinute(string? text, out int minute)
    {
        minute = 0;
        if (text == "24:00")
        {
            minute = 24 * 60;
            return true;
        }
        if (text is not { Length: 5 } || !TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return false;
        minute = time.Hour * 60 + time.Minute;
        return true;
    }

    private static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";
}

public sealed record OpeningIntervalBody(string? Day, string? Opens, string? Closes);
