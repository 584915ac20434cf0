using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.AppHost.Tests;

/// <summary>A signed-in user of a web endpoint that the AppHost runs: a token from the dev login, and a hub connection.</summary>
internal sealed class ChatAppClient : IAsyncDisposable
{
    private ChatAppClient(HttpClient http, string accessToken, HubConnection hub)
    {
        Http = http;
        AccessToken = accessToken;
        Hub = hub;
    }

    public HttpClient Http { get; }
    public string AccessToken { get; }
    public HubConnection Hub { get; }

    public static async Task<ChatAppClient> SignInAsync(HttpClient http, string userId, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(http.BaseAddress!, "/hubs/chat"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        return new ChatAppClient(http, token, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Http.Dispose();
    }
}
