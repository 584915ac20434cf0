using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Support;

/// <summary>
/// Private notes in a support conversation, for the site's agents only: never messages of the room, so neither the
/// visitor's history nor search ever holds one. Live, a note reaches the site's agents as <c>SupportNoteAdded</c>.
/// </summary>
public static class SupportNotesApi
{
    public sealed record NoteRequest(string? Text);

    public static IEndpointRouteBuilder MapSupportNotesApi(this IEndpointRouteBuilder app)
    {
        var notes = app.MapApiGroup("/support/conversations/{conversationId}/notes", "Support");
        notes.MapGet("", ListAsync).WithName("ListSupportNotes").WithSummary("The conversation's private notes, oldest first, for the site's agents.");
        notes.MapPost("", AddAsync).WithName("AddSupportNote")
            .WithSummary("An agent writes a private note in the conversation: the site's agents see it, the visitor never does.")
            .Produces<SupportNote>(StatusCodes.Status201Created);
        return app;
    }

    private static async Task<IReadOnlyList<SupportNote>> ListAsync(string conversationId, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("conversationId", conversationId).ThrowIfInvalid();
        return await Notes(grains, principal).List(principal.ToChatUser(), conversationId);
    }

    private static async Task<IResult> AddAsync(
        string conversationId, NoteRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("conversationId", conversationId).NoteText(request.Text).ThrowIfInvalid();
        var agent = principal.ToChatUser();
        var notes = Notes(grains, principal);
        await allowances.Messages.TakeAsync(agent.UserId);
        var note = await notes.Add(agent, conversationId, request.Text!.Trim());
        return TypedResults.Created($"/api/support/conversations/{conversationId}/notes", note);
    }

    private static ISupportNotesGrain Notes(IGrainFactory grains, ClaimsPrincipal principal) =>
        grains.GetGrain<ISupportNotesGrain>(SupportApi.SiteOf(principal));
}
