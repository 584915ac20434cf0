using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Support;

/// <summary>
/// When the team is away: whether a human is available (business hours and agents online), the hours the site's
/// admins set, the address a visitor leaves to be answered at, and the address an agent is alerted at.
/// </summary>
public static class OfflineSupportApi
{
    /// <summary><c>transcript</c>: mail the conversation to this address once it is resolved.</summary>
    public sealed record LeaveEmailRequest(string? Email, bool? Transcript);

    public sealed record AgentEmailRequest(string? Email);

    public sealed record AgentEmailResponse(string? Email);

    public static IEndpointRouteBuilder MapOfflineSupportApi(this IEndpointRouteBuilder app)
    {
        var support = app.MapApiGroup("/support", "Support");
        support.MapGet("/availability", AvailabilityAsync).WithName("GetSupportAvailability")
            .WithSummary("Whether a human can answer now (within business hours and an agent online); else when the team is back and whether an e-mail address is taken.");
        support.MapGet("/hours", GetHoursAsync).WithName("GetBusinessHours")
            .WithSummary("The site's business hours; 204 when it has none (always open).")
            .Produces<BusinessHoursBody>().Produces(StatusCodes.Status204NoContent);
        support.MapPut("/hours", SetHoursAsync).WithName("SetBusinessHours").WithSummary("The site's admins set its business hours.");
        support.MapDelete("/hours", ClearHoursAsync).WithName("ClearBusinessHours").WithSummary("The site's admins remove its hours: always open.");
        support.MapPut("/conversations/{conversationId}/email", LeaveEmailAsync).WithName("LeaveSupportEmail")
            .WithSummary("The visitor leaves the address to be answered at while away, and whether to get the transcript on resolution.");
        support.MapGet("/agents/me/email", GetAgentEmailAsync).WithName("GetAgentAlertEmail")
            .WithSummary("The address the calling agent is alerted at of conversations waiting while no agent is online.");
        support.MapPut("/agents/me/email", SetAgentEmailAsync).WithName("SetAgentAlertEmail")
            .WithSummary("The calling agent sets (or, null, removes) the address they are alerted at.");
        return app;
    }

    private static async Task<SupportAvailability> AvailabilityAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        await grains.GetGrain<ISupportDeskOffline>(SiteOfQuery(siteId, principal, rules)).GetAvailability();

    private static async Task<IResult> GetHoursAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains) =>
        await Hours(grains, SiteOfQuery(siteId, principal, rules)).GetHours() is { } hours
            ? TypedResults.Ok(BusinessHoursBody.From(hours))
            : TypedResults.NoContent();

    private static async Task<BusinessHoursBody> SetHoursAsync(
        string? siteId, BusinessHoursBody request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var site = SiteOfQuery(siteId, principal, rules);
        var hours = request.Parse(rules);
        return BusinessHoursBody.From((await Hours(grains, site).SetHours(principal.ToChatUser(), hours))!);
    }

    private static async Task<IResult> ClearHoursAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        await Hours(grains, SiteOfQuery(siteId, principal, rules)).SetHours(principal.ToChatUser(), null);
        return TypedResults.NoContent();
    }

    private static async Task<SupportApi.ConversationResponse> LeaveEmailAsync(
        string conversationId, LeaveEmailRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("conversationId", conversationId)
            .Require(EmailAddresses.IsValid(request.Email), "email", $"email must be an e-mail address of at most {EmailAddresses.MaxLength} characters.")
            .ThrowIfInvalid();
        var desk = grains.GetGrain<ISupportDeskOffline>(SupportApi.SiteOf(principal));
        return SupportApi.ConversationResponse.From(await desk.LeaveEmail(principal.ToChatUser(), conversationId, request.Email!, request.Transcript ?? false));
    }

    private static async Task<AgentEmailResponse> GetAgentEmailAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var agent = RequireAgent(principal);
        return new AgentEmailResponse(await Hours(grains, SiteOfQuery(siteId, principal, rules)).GetAgentEmail(agent));
    }

    private static async Task<AgentEmailResponse> SetAgentEmailAsync(
        string? siteId, AgentEmailRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        var site = SiteOfQuery(siteId, principal, rules);
        rules.Require(request.Email is null || EmailAddresses.IsValid(request.Email), "email",
            $"email must be an e-mail address of at most {EmailAddresses.MaxLength} characters, or null.").ThrowIfInvalid();
        var agent = RequireAgent(principal);
        await Hours(grains, site).SetAgentEmail(agent, request.Email);
        return new AgentEmailResponse(request.Email);
    }

    private static ChatUser RequireAgent(ClaimsPrincipal principal) =>
        principal.ToChatUser() is { Role: UserRole.Agent or UserRole.Admin } agent ? agent : throw ChatException.Forbidden("Only agents may do that.");

    /// <summary>The site a query names, which must be the caller's.</summary>
    private static string SiteOfQuery(string? siteId, ClaimsPrincipal principal, InputRules rules)
    {
        rules.Id("siteId", siteId).ThrowIfInvalid();
        if (SupportApi.SiteOf(principal) != siteId) throw ChatException.Forbidden($"This token does not belong to site '{siteId}'.");
        return siteId!;
    }

    private static ISupportHoursGrain Hours(IGrainFactory grains, string siteId) => grains.GetGrain<ISupportHoursGrain>(siteId);
}
