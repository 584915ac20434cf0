namespace OrleansChat.Contracts;

/// <summary>A spread of durations, in seconds; null when nothing was measured.</summary>
[GenerateSerializer, Immutable]
public sealed record SupportDurations(double? MedianSeconds, double? P90Seconds);

/// <summary>
/// How the conversations resolved in a period went, for a whole site (<see cref="AgentId"/> null) or for the agent
/// who held each at resolution: how many; first response (the visitor's first message to the first message of
/// someone else after it, the assistant not counted); resolution (first contact to resolution); the ratings.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportReportRow(
    string? AgentId, int Conversations, SupportDurations FirstResponse, SupportDurations Resolution, double? RatingAverage, int Ratings);

[GenerateSerializer, Immutable]
public sealed record SupportReport(DateTimeOffset From, DateTimeOffset To, SupportReportRow Site, IReadOnlyList<SupportReportRow> Agents);

/// <summary>
/// Who the visitor of a conversation is, beside the chat in the console: their name, e-mail when they left one,
/// the pages they came from (newest last) and their other conversations with the site, newest first.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupportProfile(
    string VisitorId, string VisitorName, string? Email, IReadOnlyList<PageVisit> Pages, IReadOnlyList<SupportRecord> PastConversations);
