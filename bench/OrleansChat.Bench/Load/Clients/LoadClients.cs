namespace OrleansChat.Bench.Load.Clients;

/// <summary>Opens a load client of the kind asked for at a web address, joined to its room.</summary>
public static class LoadClients
{
    public static Task<ILoadClient> OpenAsync(Uri address, ClientKind kind, string? token, string roomId, LoadClientEvents events, ClientTraffic traffic) =>
        kind.Transport switch
        {
            LoadTransport.SocketIo => SocketIoLoadClient.OpenAsync(address, roomId, events, traffic),
            LoadTransport.RestPolling => RestPollingLoadClient.OpenAsync(address, token, roomId, kind.PollInterval, events, traffic),
            // Members connect as the widget does.
            _ => HubLoadClient.OpenAsync(new Uri(address, $"/hubs/chat?features={SignedInConnections.CoalescedChanges}"), kind.Transport, token, roomId, events, traffic),
        };
}
