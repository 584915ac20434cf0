using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Limits;
using OrleansChat.Web.Apis;

namespace OrleansChat.Web.Hubs;

/// <summary>
/// Raises refusals to the caller as <c>HubException</c>s whose message starts with the protocol's word. Refusals
/// are the caller's business and are not logged as errors; anything else is (SignalR's own dispatcher log, which
/// would report every refusal with a stack trace, is turned down in appsettings.json).
/// </summary>
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
        catch (RateLimitedException limited)
        {
            throw new HubException($"rate-limited: {limited.Message}");
        }
        catch (Exception exception) when (ChatErrors.Refusal(exception) is { } chat)
        {
            throw new HubException($"{ChatErrors.Word(chat.Error)}: {chat.Message}");
        }
        catch (Exception exception) when (ChatErrors.IsClusterUnavailable(exception))
        {
            logger.LogWarning(exception, "Hub method {Method} failed: cluster unavailable", context.HubMethodName);
            throw new HubException($"unavailable: {ChatErrors.ClusterUnavailableMessage}");
        }
        catch (Exception exception) when (exception is not HubException and not OperationCanceledException)
        {
            logger.LogError(exception, "Hub method {Method} failed", context.HubMethodName);
            throw;
        }
    }
}
