using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Web.Tests.Infrastructure;

public static class HubStart
{
    /// <summary>
    /// Starts the connection and waits until the server has set it up. SignalR's start returns once the handshake is
    /// answered, before the hub's <c>OnConnectedAsync</c> has run (presence, an agent's desk channel); invocations are
    /// dispatched only after it, so one the hub refuses at once, changing nothing, waits for it.
    /// </summary>
    public static async Task StartAndSettleAsync(this HubConnection hub)
    {
        await hub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("GetChanges", "", 0L));
    }
}
