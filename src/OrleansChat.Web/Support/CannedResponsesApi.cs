using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Support;

/// <summary>
/// A site's canned responses, for its agents: the replies they insert in the console with <c>/shortcut</c>. The
/// site is the caller's token's; a <c>siteId</c> given must name it.
/// </summary>
public static class CannedResponsesApi
{
    public sealed record CannedResponseRequest(string? SiteId, string? Shortcut, string? Text);

    public static IEndpointRouteBuilder MapCannedResponsesApi(this IEndpointRouteBuilder app)
    {
        var responses = app.MapApiGroup("/support/canned-responses", "Support");
        responses.MapGet("", ListAsync).WithName("ListCannedResponses").WithSummary("The site's canned responses, by shortcut.");
        responses.MapPost("", CreateAsync).WithName("CreateCannedResponse")
            .WithSummary("A new canned response; 409 when the site has one with that shortcut.")
            .Produces<CannedResponse>(StatusCodes.Status201Created);
        responses.MapPut("/{responseId}", UpdateAsync).WithName("UpdateCannedResponse")
            .WithSummary("A canned response's new shortcut and text; 409 when another has that shortcut.");
        responses.MapDelete("/{responseId}", DeleteAsync).WithName("DeleteCannedResponse").WithSummary("Deletes a canned response.")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static async Task<IReadOnlyList<CannedResponse>> ListAsync(string? siteId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("siteId", siteId).ThrowIfInvalid();
        return await Responses(grains, siteId, principal).List(principal.ToChatUser());
    }

    private static async Task<IResult> CreateAsync(
        CannedResponseRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("siteId", request.SiteId).Shortcut(request.Shortcut).CannedText(request.Text).ThrowIfInvalid();
        var agent = principal.ToChatUser();
        var responses = Responses(grains, request.SiteId, principal);
        await allowances.Messages.TakeAsync(agent.UserId);
        var created = await responses.Create(agent, request.Shortcut!, request.Text!.Trim());
        return TypedResults.Created($"/api/support/canned-responses/{created.ResponseId}", created);
    }

    private static async Task<CannedResponse> UpdateAsync(
        string responseId, CannedResponseRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("responseId", responseId).Shortcut(request.Shortcut).CannedText(request.Text);
        if (request.SiteId is not null) rules.Id("siteId", request.SiteId);
        rules.ThrowIfInvalid();
        var agent = principal.ToChatUser();
        var responses = Responses(grains, request.SiteId, principal);
        await allowances.Messages.TakeAsync(agent.UserId);
        return await responses.Update(agent, responseId, request.Shortcut!, request.Text!.Trim());
    }

    private static async Task<IResult> DeleteAsync(string responseId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("responseId", responseId).ThrowIfInvalid();
        await Responses(grains, siteId: null, principal).Delete(principal.ToChatUser(), responseId);
        return TypedResults.NoContent();
    }

    /// <summary>The canned responses of the caller's site; a site named must be it.</summary>
    private static ICannedResponsesGrain Responses(IGrainFactory grains, string? siteId, ClaimsPrincipal principal)
    {
        var own = SupportApi.SiteOf(principal);
        if (siteId is not null && siteId != own) throw ChatException.Forbidden($"This token does not belong to site '{siteId}'.");
        return grains.GetGrain<ICannedResponsesGrain>(own);
    }
}
