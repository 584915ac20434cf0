using OrleansChat.Web.Realtime;

namespace OrleansChat.Web.HubSockets;

public static class HubSocketExtensions
{
    /// <summary>
    /// The hub's WebSockets on the node's own transport (<see cref="HubSocketListener"/>) unless
    /// <c>Chat:Realtime:OwnWebSockets</c> is false; SignalR's transports serve everything else either way.
    /// </summary>
    public static WebApplicationBuilder AddChatHubSockets(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RealtimeOptions.SectionName).Get<RealtimeOptions>() ?? new RealtimeOptions();
        if (!options.OwnWebSockets) return builder;
        builder.Services.AddSingleton<HubSocketGate>();
        builder.Services.AddSingleton<HubSocketListener>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint =>
            endpoint.Use(next => endpoint.ApplicationServices.GetRequiredService<HubSocketListener>().Before(next))));
        return builder;
    }
}
