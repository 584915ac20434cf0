using System.Globalization;
using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Support;

/// <summary>
/// The desk's conversations beyond its queue: listed and searched (open and archived alike), reopened, labelled,
/// rated by their visitors, the visitor's profile, and reports. Agents and admins of the caller's site only, but
/// for the rating, which is the visitor's alone.
/// </summary>
public static class SupportRecordsApi
{
    public sealed record LabelRequest(string? Label);

    public sealed record RatingRequest(int? Score, string? Comment);

    public const int MaxLabelLength = 40;
    public const int MaxTextLength = 100;
    public const int MaxCommentLength = 1000;

    /// <summary>The longest period a report covers, and the one it covers when not told.</summary>
    public static readonly TimeSpan MaxReportPeriod = TimeSpan.FromDays(366);
    public static readonly TimeSpan DefaultReportPeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapSupportRecordsApi(this IEndpointRouteBuilder app)
    {
        var support = app.MapApiGroup("/support", "Support");
        support.MapGet("/conversations", ListAsync).WithName("ListSupportConversations")
            .WithSummary("The site's conversations, open and resolved, newest first: by status, label, words of the visitor's name or topic, and first contact (from, to).");
        support.MapPost("/conversations/{conversationId}/reopen", ReopenAsync).WithName("ReopenSupportConversation")
            .WithSummary("An agent takes a resolved conversation up again: it is theirs.");
        support.MapPost("/conversations/{conversationId}/labels", AddLabelAsync).WithName("AddSupportLabel")
            .WithSummary("Adds a label to the conversation (open or resolved).");
        support.MapDelete("/conversations/{conversationId}/labels/{label}", RemoveLabelAsync).WithName("RemoveSupportLabel")
            .WithSummary("Removes a label from the conversation.");
        support.MapGet("/conversations/{conversationId}/profile", ProfileAsync).WithName("GetSupportVisitorProfile")
            .WithSummary("The conversation's visitor: name, e-mail if given, pages visited, other conversations.");
        support.MapPost("/conversations/{conversationId}/rating", RateAsync).WithName("RateSupportConversation")
            .WithSummary("The visitor rates their resolved conversation, 1-5 with an optional comment, once.");
        support.MapGet("/reports", ReportAsync).WithName("GetSupportReport")
            .WithSummary("Conversations resolved in a period (from, to; the last 30 days if not given), for the site and per agent.");
        return app;
    }

    private static async Task<SupportRecordPageResponse> ListAsync(
        string? siteId, string? status, string? label, string? q, string? from, string? to, string? before, string? limit,
        ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var site = SupportApi.SiteOfQuery(siteId, principal, rules);
        var wanted = Status(status);
        rules.Require(status is null || wanted is not null, "status", "status must be bot, waiting, assigned or resolved.")
            .Require(q is null || q.Trim().Length is > 0 and <= MaxTextLength, "q", $"q must be 1-{MaxTextLength} characters after trimming.")
            .SearchCursor(before);
        if (label is not null) Label(rules, label);
        var (start, end) = (Time(rules, "from", from), Time(rules, "to", to));
        rules.Require(start is null || end is null || start < end, "to", "to must be later than from.");
        var pageSize = rules.PageLimit(limit);
        rules.ThrowIfInvalid();
        var page = await grains.GetGrain<ISupportArchiveGrain>(site)
            .List(principal.ToChatUser(), new SupportQuery(wanted, label, q?.Trim(), start, end, before, pageSize));
        return new SupportRecordPageResponse([.. page.Conversations.Select(SupportRecordResponse.From)], page.Next);
    }

    private static Task<SupportApi.ConversationResponse> ReopenAsync(string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        OnRecordsAsync(conversationId, principal, rules, grains, (records, user) => records.Reopen(user, conversationId));

    private static Task<SupportApi.ConversationResponse> AddLabelAsync(
        string conversationId, LabelRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        Label(rules, request.Label);
        return OnRecordsAsync(conversationId, principal, rules, grains, (records, user) => records.AddLabel(user, conversationId, request.Label!));
    }

    private static Task<SupportApi.ConversationResponse> RemoveLabelAsync(
        string conversationId, string label, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        Label(rules, label);
        return OnRecordsAsync(conversationId, principal, rules, grains, (records, user) => records.RemoveLabel(user, conversationId, label));
    }

    private static async Task<SupportProfileResponse> ProfileAsync(string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("conversationId", conversationId).ThrowIfInvalid();
        var records = grains.GetGrain<ISupportRecordsGrain>(SupportApi.SiteOf(principal));
        return SupportProfileResponse.From(await records.GetProfile(principal.ToChatUser(), conversationId));
    }

    private static async Task<SupportRating> RateAsync(
        string conversationId, RatingRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("conversationId", conversationId)
            .Require(request.Score is >= 1 and <= 5, "score", "score must be a whole number from 1 to 5.")
            .Require(request.Comment is null || request.Comment.Trim().Length <= MaxCommentLength, "comment", $"comment must be at most {MaxCommentLength} characters.")
            .ThrowIfInvalid();
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var records = grains.GetGrain<ISupportRecordsGrain>(SupportApi.SiteOf(principal));
        return await records.Rate(principal.ToChatUser(), conversationId, request.Score!.Value, comment);
    }

    private static async Task<SupportReport> ReportAsync(
        string? siteId, string? from, string? to, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, TimeProvider clock)
    {
        var site = SupportApi.SiteOfQuery(siteId, principal, rules);
        var end = Time(rules, "to", to) ?? clock.GetUtcNow();
        var start = Time(rules, "from", from) ?? end - DefaultReportPeriod;
        rules.Require(start < end, "to", "to must be later than from.")
            .Require(end - start <= MaxReportPeriod, "from", $"A report covers at most {MaxReportPeriod.TotalDays} days.")
            .ThrowIfInvalid();
        return await grains.GetGrain<ISupportArchiveGrain>(site).Report(principal.ToChatUser(), start, end);
    }

    private static async Task<SupportApi.ConversationResponse> OnRecordsAsync(
        string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains,
        Func<ISupportRecordsGrain, ChatUser, Task<SupportConversation>> act)
    {
        rules.Id("conversationId", conversationId).ThrowIfInvalid();
        var records = grains.GetGrain<ISupportRecordsGrain>(SupportApi.SiteOf(principal));
        return SupportApi.ConversationResponse.From(await act(records, principal.ToChatUser()));
    }

    /// <summary>A label: an id of at most <see cref="MaxLabelLength"/> characters (no spaces or quotes, safe in any filter).</summary>
    private static void Label(InputRules rules, string? label) =>
        rules.Id("label", label).Require(label is null || label.Length <= MaxLabelLength, "label", $"label must be at most {MaxLabelLength} characters.");

    /// <summary>A status by its name in the protocol (not its number).</summary>
    private static SupportStatus? Status(string? name) =>
        Enum.GetValues<SupportStatus>().Cast<SupportStatus?>().FirstOrDefault(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An ISO 8601 time with its offset (e.g. <c>2026-01-31T00:00:00Z</c>), or null when absent.</summary>
    private static DateTimeOffset? Time(InputRules rules, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time.Year is >= 2000 and <= 9000)
        {
            return time;
        }
        rules.Require(false, field, $"{field} must be an ISO 8601 time such as 2026-01-31T00:00:00Z.");
        return null;
    }
}
