using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Widget;

namespace OrleansChat.Web.Apis;

/// <summary>
/// Live support between a site's visitors and its agents. The desk is the caller's site's: visitors' and agents'
/// tokens name their site. A conversation's id is its support room's id.
/// </summary>
public static class SupportApi
{
    /// <summary><c>page</c>: the address of the page the visitor is on, shown to agents (an extension of the protocol).</summary>
    public sealed record OpenConversationRequest(string? SiteId, string? Topic, string? Page);

    public sealed record AssignRequest(string? AgentId);

    private const int MaxPageLength = 2000;

    /// <summary>
    /// The protocol's answer for a conversation, with the desk's details: who the visitor is, the page they are on,
    /// since when they and this status have been there, while waiting their place in line (1: next), and the
    /// revision to compare with <c>SupportChanged</c> events', and the labels agents gave it.
    /// </summary>
    public sealed record ConversationResponse(
        string ConversationId, string RoomId, SupportStatus Status, string? AgentId, string VisitorId, string VisitorName,
        string? Topic, string? Page, DateTimeOffset CreatedAt, DateTimeOffset StatusSince, int? Position, long Revision,
        IReadOnlyList<string> Labels)
    {
        public static ConversationResponse From(SupportConversation c) =>
            new(c.ConversationId, c.RoomId, c.Status, c.AgentId, c.VisitorId, c.VisitorName, c.Topic, c.Page, c.CreatedAt, c.StatusSince, c.Position, c.Revision,
                c.Labels ?? []);
    }

    public static IEndpointRouteBuilder MapSupportApi(this IEndpointRouteBuilder app)
    {
        var support = app.MapApiGroup("/support", "Support");
        support.MapPost("/conversations", OpenAsync).WithName("OpenSupportConversation")
            .WithSummary("A visitor opens (or resumes) their conversation with the site's team; the assistant answers first.")
            .Produces<ConversationResponse>(StatusCodes.Status201Created);
        support.MapGet("/queue", QueueAsync).WithName("GetSupportQueue").WithSummary("Waiting and assigned conversations, for the site's agents.");
        support.MapGet("/agents", AgentsAsync).WithName("GetSupportAgents")
            .WithSummary("The site's agents, whether each takes new conversations now, and how many they hold: whom to transfer to.");
        support.MapPost("/conversations/{conversationId}/handoff", HandOffAsync).WithName("HandOffSupportConversation")
            .WithSummary("Asks for a human: the conversation waits for an agent.");
        support.MapPost("/conversations/{conversationId}/assign", AssignAsync).WithName("AssignSupportConversation")
            .WithSummary("An agent takes the conversation, or transfers it to another agent.");
        support.MapPost("/conversations/{conversationId}/resolve", ResolveAsync).WithName("ResolveSupportConversation")
            .WithSummary("Marks the conversation resolved.");
        return app;
    }

    private static async Task<IResult> OpenAsync(OpenConversationRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("siteId", request.SiteId)
            .Require(request.Topic is null || request.Topic.Trim().Length is > 0 and <= 200, "topic", "topic must be 1-200 characters.")
            .Require(request.Page is null || IsPageAddress(request.Page), "page", $"page must be an http(s) address of at most {MaxPageLength} characters.")
            .ThrowIfInvalid();
        var visitor = principal.ToChatUser();
        var siteId = SiteOf(principal);
        var roomId = ScopedIds.SupportRoomOf(visitor.UserId);
        if (visitor.Role != UserRole.Visitor || siteId != request.SiteId || roomId is null)
        {
            throw ChatException.Forbidden($"Only a visitor session of site '{request.SiteId}' may open its conversations.");
        }
        await grains.GetGrain<IRoomGrain>(roomId).EnsureSupport(visitor, siteId);
        var conversation = await Desk(grains, siteId).Open(visitor, roomId, request.Topic?.Trim(), request.Page);
        return TypedResults.Created($"/api/support/conversations/{conversation.ConversationId}", ConversationResponse.From(conversation));
    }

    private static async Task<ConversationResponse[]> QueueAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var desk = DeskOfSite(siteId, principal, rules, grains);
        return [.. (await desk.GetQueue(principal.ToChatUser())).Select(ConversationResponse.From)];
    }

    private static async Task<IReadOnlyList<SupportAgent>> AgentsAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        return await DeskOfSite(siteId, principal, rules, grains).GetAgents(principal.ToChatUser());
    }

    private static Task<ConversationResponse> HandOffAsync(string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        OnDeskAsync(conversationId, principal, rules, grains, (desk, user) => desk.HandOff(user, conversationId));

    private static Task<ConversationResponse> AssignAsync(
        string conversationId, AssignRequest? request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        if (request?.AgentId is { } agentId) rules.Id("agentId", agentId);
        return OnDeskAsync(conversationId, principal, rules, grains, (desk, user) => desk.Assign(user, conversationId, request?.AgentId));
    }

    private static Task<ConversationResponse> ResolveAsync(string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        OnDeskAsync(conversationId, principal, rules, grains, (desk, user) => desk.Resolve(user, conversationId));

    private static async Task<ConversationResponse> OnDeskAsync(
        string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains,
        Func<ISupportDeskGrain, ChatUser, Task<SupportConversation>> act)
    {
        rules.Id("conversationId", conversationId).ThrowIfInvalid();
        return ConversationResponse.From(await act(Desk(grains, SiteOf(principal)), principal.ToChatUser()));
    }

    private static bool IsPageAddress(string page) =>
        page.Length <= MaxPageLength && Uri.TryCreate(page, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The desk of the site a query names, which must be the caller's.</summary>
    private static ISupportDeskGrain DeskOfSite(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        Desk(grains, SiteOfQuery(siteId, principal, rules));

    /// <summary>The site a query names, which must be the caller's.</summary>
    internal static string SiteOfQuery(string? siteId, ClaimsPrincipal principal, InputRules rules)
    {
        rules.Id("siteId", siteId).ThrowIfInvalid();
        if (SiteOf(principal) != siteId) throw ChatException.Forbidden($"This token does not belong to site '{siteId}'.");
        return siteId!;
    }

    internal static string SiteOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ChatClaims.Site) ?? throw ChatException.Forbidden("Support needs a token that names its site.");

    private static ISupportDeskGrain Desk(IGrainFactory grains, string siteId) => grains.GetGrain<ISupportDeskGrain>(siteId);
}
