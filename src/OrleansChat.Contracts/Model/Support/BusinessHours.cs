namespace OrleansChat.Contracts;

/// <summary>
/// When a site's team works: weekly opening intervals in the site's IANA time zone, less the dates it is closed
/// (dates of that zone). Minutes count from local midnight; an interval ends before the day does (1440 at most).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BusinessHours(string TimeZone, IReadOnlyList<OpeningInterval> Weekly, IReadOnlyList<DateOnly> ClosedDates);

/// <summary>Open on <see cref="Day"/> from <see cref="OpensAt"/> (included) to <see cref="ClosesAt"/> (excluded), in minutes after local midnight.</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningInterval(DayOfWeek Day, int OpensAt, int ClosesAt);

/// <summary>Whether a site is within its hours at an instant, and when it next opens if it is not (null: never, or no hours).</summary>
[GenerateSerializer, Immutable]
public sealed record HoursDecision(bool Open, DateTimeOffset? NextOpening);

/// <summary>
/// Whether a visitor can reach a human now: within the site's hours and with at least one agent online. Otherwise
/// <see cref="BackAt"/> is the next opening when the site is out of hours, and <see cref="EmailCapture"/> whether the
/// desk takes an e-mail address to answer at (mail is configured).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportAvailability(bool Available, bool WithinHours, bool AgentsOnline, DateTimeOffset? BackAt, string? TimeZone, bool EmailCapture);
