using OrleansChat.Bench.Hosting;

namespace OrleansChat.Bench.Load;

/// <summary>Opens a load client of the kind asked for against a system, joined to its room.</summary>
public static class LoadClients
{
    public static Task<ILoadClient> OpenAsync(ISystemUnderTest system, ClientKind kind, string? token, string roomId, LoadClientEvents events, ClientTraffic traffic) =>
        kind.Transport switch
        {
            LoadTransport.SocketIo => SocketIoLoadClient.OpenAsync(system.BaseAddress, roomId, events, traffic),
            LoadTransport.RestPolling => RestPollingLoadClient.OpenAsync(system.BaseAddress, token, roomId, kind.PollInterval, events, traffic),
            _ => HubLoadClient.OpenAsync(new Uri(system.BaseAddress, "/hubs/chat"), kind.Transport, token, roomId, events, traffic),
        };
}
