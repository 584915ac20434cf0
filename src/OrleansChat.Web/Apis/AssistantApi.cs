using System.Security.Claims;
using Microsoft.Extensions.Options;
using OrleansChat.Contracts;
using OrleansChat.Ai;
using OrleansChat.Web.Ai;
using OrleansChat.Web.Auth;
using ChatMessage = OrleansChat.Contracts.ChatMessage;

namespace OrleansChat.Web.Apis;

/// <summary>
/// <c>POST /api/rooms/{roomId}/assistant</c>: the assistant answers into the room. Members watch the answer grow
/// through <c>AssistantDelta</c> events; the finished answer is stored through the room grain as a message of
/// kind <c>assistant</c> and returned. If the provider fails, or the caller goes away, nothing is stored.
/// </summary>
public static class AssistantApi
{
    public sealed record AskAssistantRequest(string? Prompt);

    public static IEndpointRouteBuilder MapAssistantApi(this IEndpointRouteBuilder app)
    {
        app.MapApiGroup("/rooms/{roomId}", "AI")
            .MapPost("/assistant", AskAsync).WithName("AskAssistant")
            .WithSummary("The assistant answers into the room, streaming AssistantDelta events to members; returns the stored message.")
            .RequireAiAllowance();
        return app;
    }

    private static async Task<ChatMessage> AskAsync(
        string roomId, AskAssistantRequest request, HttpContext context, ClaimsPrincipal principal, InputRules rules,
        RoomAssistant assistant, IGrainFactory grains, IOptions<AiOptions> options, TimeProvider clock)
    {
        rules.Id("roomId", roomId).Require(request.Prompt?.Trim().Length is > 0 && request.Prompt.Length <= rules.Limits.MaxMessageLength,
            "prompt", $"prompt must be 1-{rules.Limits.MaxMessageLength} characters.").ThrowIfInvalid();
        var user = principal.ToChatUser();
        var room = grains.GetGrain<IRoomGrain>(roomId);
        var described = await room.Describe(user.UserId);
        var asker = described.Members?.FirstOrDefault(m => m.UserId == user.UserId)
            ?? throw ChatException.Forbidden($"Only members of room '{roomId}' may ask its assistant.");
        // Before the provider is asked (the room refuses a muted member's answer too, but only once it is written).
        if (asker.MutedUntil is { } until && until > clock.GetUtcNow()) throw MuteRefusal.For(roomId, until);

        var siteId = principal.FindFirstValue(ChatClaims.Site) ?? options.Value.DefaultSite;
        return await assistant.AnswerAsync(user, roomId, siteId, request.Prompt!.Trim(), context.RequestAborted);
    }
}
