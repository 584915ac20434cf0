using Microsoft.AspNetCore.SignalR;
using OrleansChat.Contracts;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

/// <summary>This node's observer of its users: what a user's grain tells it reaches all of that user's connections here.</summary>
internal sealed class UserEventRelay(Func<string, IReadOnlyList<string>> connectionsOf, IHubContext<ChatHub, IChatClient> hub, ILogger logger)
    : IUserObserver
{
    public Task OnMentioned(string userId, Mentioned mention)
    {
        var connections = connectionsOf(userId);
        if (connections.Count > 0) _ = SendAsync(userId, hub.Clients.Clients(connections).Mentioned(mention));
        return Task.CompletedTask;
    }

    private async Task SendAsync(string userId, Task sending)
    {
        try
        {
            await sending;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Telling {UserId} of a mention failed", userId);
        }
    }
}
