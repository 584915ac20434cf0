using OrleansChat.Ai;
using OrleansChat.Web.Auth;
using OrleansChat.Web.Limits;

namespace OrleansChat.Web.Ai;

public static class AiExtensions
{
    /// <summary>The assistant (<see cref="AssistantServices"/>) for users' own requests.</summary>
    public static WebApplicationBuilder AddChatAi(this WebApplicationBuilder builder)
    {
        builder.Services.AddChatAssistant(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Counts each call against the caller's AI allowance (<c>Chat:Ai:RequestsPerMinute</c>, for the whole cluster)
    /// before the endpoint reads its input: a refusal is a 429 with <c>Retry-After</c>, and nothing is asked of the model.
    /// </summary>
    public static RouteHandlerBuilder RequireAiAllowance(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            await http.RequestServices.GetRequiredService<ChatAllowances>().AiRequests.TakeAsync(http.User.ToChatUser().UserId);
            return await next(context);
        });
}
