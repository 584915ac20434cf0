using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Web.Tests.Infrastructure;

/// <summary>A site's callers as its pages and console make them: dev-login tokens of its team, and HTTP clients and hub connections that carry a token.</summary>
public static class SiteClients
{
    /// <summary>A token of the site's team (<paramref name="role"/> agent or admin) from the development login.</summary>
    public static async Task<string> TeamTokenAsync(this ChatSystem system, string userId, string role, string siteId, string? displayName = null)
    {
        using var anonymous = system.Web.CreateHttpClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId, displayName = displayName ?? userId, role, siteId });
        return (await login.Content.ReadFromJsonAsync<JsonElement>(ChatTestClient.Json)).GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Authorized(this ChatSystem system, string token)
    {
        var http = system.Web.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A started hub connection over WebSockets with the protocol's JSON.</summary>
    public static async Task<HubConnection> ConnectHubAsync(this ChatSystem system, string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(system.Web.BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.SkipNegotiation = true;
            })
            .AddJsonProtocol(json => OrleansChat.Web.Apis.ChatJson.Configure(json.PayloadSerializerOptions))
            .Build();
        await hub.StartAndSettleAsync();
        return hub;
    }
}
