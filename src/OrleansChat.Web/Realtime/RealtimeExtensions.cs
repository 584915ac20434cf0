using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Web.Realtime;

public static class RealtimeExtensions
{
    /// <summary>SignalR and the bridge from room grains to this node's connections.</summary>
    public static WebApplicationBuilder AddChatRealtime(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RealtimeOptions>(builder.Configuration.GetSection(RealtimeOptions.SectionName));
        services.AddSignalR(hub => hub.AddFilter<ChatHubErrors>())
            .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions));
        services.AddSingleton<ChatHubErrors>();
        services.AddSingleton<WebNode>();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<RoomFanout>();
        services.AddSingleton<RoomJoining>();
        services.AddSingleton<LocalPresence>();
        services.AddHostedService<RealtimeRenewal>();
        return builder;
    }
}
