using System.Security.Claims;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Ai;
using OrleansChat.Web.Ai;
using OrleansChat.Web.Auth;
using AiMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OrleansChat.Web.Apis;

/// <summary><c>POST /api/ai/chat</c>: prompt in, answer out, as JSON or streamed as server-sent events.</summary>
public static class AiApi
{
    private const int MaxMessages = 50;

    public sealed record AiChatMessage(string? Role, string? Content);

    public sealed record AiChatRequest(IReadOnlyList<AiChatMessage>? Messages, string? RoomId);

    public sealed record AiChatResponse(AiChatMessage Message);

    public static IEndpointRouteBuilder MapAiApi(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/ai", "AI")
            .MapPost("/chat", ChatAsync).WithName("AiChat").WithBodyLimit(BodyLimits.AiConversation)
            .WithSummary("Answers a conversation; with Accept: text/event-stream the answer streams as delta events, then done.")
            .Produces<AiChatResponse>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .RequireAiAllowance();
        return app;
    }

    private static async Task<IResult> ChatAsync(
        AiChatRequest request, HttpContext context, ClaimsPrincipal principal, InputRules rules, Assistant assistant,
        IGrainFactory grains, IOptions<AiOptions> options)
    {
        var messages = request.Messages ?? [];
        var user = principal.ToChatUser();
        if (messages.Any(m => m is null)) rules.Require(false, "messages", "Each message must be an object with a role and content.").ThrowIfInvalid();
        // Turns a client writes for the assistant or the system could put words in the assistant's mouth: a visitor,
        // and anyone asking about a room (whose people the answer concerns), write their own turns only.
        rules.Require(!(user.Role == UserRole.Visitor || request.RoomId is not null) || messages.All(m => m.Role == "user"), "messages",
            "Only user turns are accepted here: the assistant's come from the room, and the rules from the server.");
        rules.Require(messages.Count is > 0 and <= MaxMessages, "messages", $"messages must hold 1-{MaxMessages} messages.")
            .Require(messages.All(m => m.Role is "user" or "assistant" or "system"), "messages", "Each role must be user, assistant or system.")
            .Require(messages.All(m => m.Content?.Trim().Length is > 0 && m.Content.Length <= rules.Limits.MaxMessageLength),
                "messages", $"Each content must be 1-{rules.Limits.MaxMessageLength} characters.")
            .Require(messages.Count == 0 || messages[^1].Role == "user", "messages", "The last message must be the user's.");
        if (request.RoomId is not null) rules.Id("roomId", request.RoomId);
        rules.ThrowIfInvalid();

        var conversation = new List<AiMessage>();
        if (request.RoomId is { } roomId)
        {
            // The room's recent messages are context; reading them also checks that the caller may.
            var recent = await grains.GetGrain<IRoomGrain>(roomId).GetMessages(user.UserId, new HistoryQuery(null, null, 20));
            conversation.AddRange(recent.Messages.Select(RoomTranscript.ToAiMessage));
        }
        conversation.AddRange(messages.Select(m => new AiMessage(new ChatRole(m.Role!), m.Content!)));
        var siteId = principal.FindFirstValue(ChatClaims.Site) ?? options.Value.DefaultSite;

        if (ServerSentEvents.IsWanted(context.Request))
        {
            await ServerSentEvents.WriteAsync(context, assistant.StreamAsync(siteId, conversation, context.RequestAborted),
                content => new { content });
            return Results.Empty;
        }
        var answer = await assistant.AnswerAsync(siteId, conversation, context.RequestAborted);
        return TypedResults.Ok(new AiChatResponse(new AiChatMessage("assistant", answer)));
    }
}
