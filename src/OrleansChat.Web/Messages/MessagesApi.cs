using System.Security.Claims;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Messages;

/// <summary>History, sending (the offline outbox's retry path), replies and read cursors.</summary>
public static class MessagesApi
{
    public sealed record SendMessageRequest(string? ClientMessageId, string? Text, string[]? FileIds = null, long? ReplyTo = null);

    public sealed record MarkReadRequest(long? Seq);

    public sealed record ArchiveRequest(long? BeforeSeq);

    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapApiGroup("/rooms/{roomId}", "Messages");
        rooms.MapGet("/messages", GetMessagesAsync).WithName("GetMessages")
            .WithSummary("A page of history: after=N fills a gap, before=N scrolls back, neither gives the latest.");
        rooms.MapPost("/messages", SendMessageAsync).WithName("SendMessage")
            .WithSummary("Sends a message, with files and as a reply if asked; a repeated clientMessageId returns the original with 200.")
            .Produces<ChatMessage>(StatusCodes.Status201Created).Produces<ChatMessage>();
        rooms.MapPost("/read", MarkReadAsync).WithName("MarkRead").WithSummary("Moves the caller's read cursor.")
            .Produces(StatusCodes.Status204NoContent);
        rooms.MapPost("/archive", ArchiveAsync).WithName("ArchiveHistory")
            .WithSummary("Retention, for admins: moves the messages below beforeSeq out of the room's history into the archive.");
        return app;
    }

    private static Task<MessagePage> GetMessagesAsync(
        string roomId, string? before, string? after, string? limit, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId);
        var query = new HistoryQuery(rules.Number("before", before, 1), rules.Number("after", after, 0), rules.PageLimit(limit));
        rules.Require(query.Before is null || query.After is null, "before", "Give before or after, not both.").ThrowIfInvalid();
        return grains.GetGrain<IRoomGrain>(roomId).GetMessages(principal.ToChatUser().UserId, query);
    }

    private static async Task<IResult> SendMessageAsync(
        string roomId, SendMessageRequest request, ClaimsPrincipal principal, MessagePosting posting)
    {
        var result = await posting.PostAsync(principal, roomId, request.ClientMessageId, request.Text, request.FileIds ?? [], request.ReplyTo);
        return result.Duplicate
            ? TypedResults.Ok(result.Message)
            : TypedResults.Created($"/api/rooms/{roomId}/messages?after={result.Message.Seq - 1}&limit=1", result.Message);
    }

    private static async Task<IResult> MarkReadAsync(
        string roomId, MarkReadRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains, ChatAllowances allowances)
    {
        rules.Id("roomId", roomId).Require(request.Seq is >= 0, "seq", "seq must be a whole number of at least 0.").ThrowIfInvalid();
        allowances.LiveCalls.Take(principal.ToChatUser().UserId);
        await grains.GetGrain<IRoomGrain>(roomId).MarkRead(principal.ToChatUser().UserId, request.Seq!.Value);
        return TypedResults.NoContent();
    }

    private static async Task<ArchiveResult> ArchiveAsync(string roomId, ArchiveRequest request, ClaimsPrincipal principal, InputRules rules, IGrainFactory grains)
    {
        rules.Id("roomId", roomId).Require(request.BeforeSeq is >= 1, "beforeSeq", "beforeSeq must be a whole number of at least 1.").ThrowIfInvalid();
        return await grains.GetGrain<IRoomGrain>(roomId).ArchiveHistory(principal.ToChatUser(), request.BeforeSeq!.Value);
    }
}
