using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;

namespace OrleansChat.Web.Messages;

/// <summary>Changing stored messages over REST (edit, delete, react) and reading a room's changes after a cursor.</summary>
public static class MessageChangesApi
{
    public sealed record EditMessageRequest(string? Text);

    public static IEndpointRouteBuilder MapMessageChangesApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapApiGroup("/rooms/{roomId}", "Messages");
        rooms.MapPut("/messages/{seq:long}", EditAsync).WithName("EditMessage")
            .WithSummary("Edits the caller's own text message; answers the message as it now is.");
        rooms.MapDelete("/messages/{seq:long}", DeleteAsync).WithName("DeleteMessage")
            .WithSummary("Deletes a message, leaving a tombstone: the caller's own, or anyone's for the room's owners, moderators and admins.");
        rooms.MapPut("/messages/{seq:long}/reactions/{emoji}", ReactAsync).WithName("AddReaction")
            .WithSummary("Gives the caller's reaction (an emoji) to a message; giving it twice changes nothing.");
        rooms.MapDelete("/messages/{seq:long}/reactions/{emoji}", UnreactAsync).WithName("RemoveReaction")
            .WithSummary("Takes back the caller's reaction to a message.");
        rooms.MapGet("/changes", GetChangesAsync).WithName("GetChanges")
            .WithSummary("The room's changes to its messages after a change seq, in order: what a client that was away missed.");
        return app;
    }

    private static async Task<ChatMessage> EditAsync(
        string roomId, long seq, EditMessageRequest request, ClaimsPrincipal principal, MessageChanging changing) =>
        await changing.EditAsync(principal.ToChatUser(), roomId, seq, request.Text);

    private static async Task<ChatMessage> DeleteAsync(string roomId, long seq, ClaimsPrincipal principal, MessageChanging changing) =>
        await changing.DeleteAsync(principal.ToChatUser(), roomId, seq);

    private static async Task<ChatMessage> ReactAsync(string roomId, long seq, string emoji, ClaimsPrincipal principal, MessageChanging changing) =>
        await changing.SetReactionAsync(principal.ToChatUser(), roomId, seq, emoji, reacted: true);

    private static async Task<ChatMessage> UnreactAsync(string roomId, long seq, string emoji, ClaimsPrincipal principal, MessageChanging changing) =>
        await changing.SetReactionAsync(principal.ToChatUser(), roomId, seq, emoji, reacted: false);

    private static Task<ChangePage> GetChangesAsync(string roomId, string? after, string? limit, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId);
        var afterChange = rules.Number("after", after, 0) ?? 0;
        var pageLimit = rules.PageLimit(limit);
        rules.ThrowIfInvalid();
        return grains.GetGrain<IRoomGrain>(roomId).GetChanges(principal.ToChatUser().UserId, afterChange, pageLimit);
    }
}
