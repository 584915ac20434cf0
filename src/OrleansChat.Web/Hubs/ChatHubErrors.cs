using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Hubs;

/// <summary>Raises refusals to the caller as <c>HubException</c>s whose message starts with the protocol's word.</summary>
internal sealed class ChatHubErrors(ILogger<ChatHubErrors> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidInputException invalid)
        {
            throw new HubException($"invalid: {invalid.Message}");
        }
        catch (ChatException chat)
        {
            throw new HubException($"{ChatErrors.Word(chat.Error)}: {chat.Message}");
        }
        catch (Exception exception) when (ChatErrors.IsClusterUnavailable(exception))
        {
            logger.LogWarning(exception, "Hub method {Method} failed: cluster unavailable", context.HubMethodName);
            throw new HubException($"unavailable: {ChatErrors.ClusterUnavailableMessage}");
        }
    }
}
