using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.AppHost.Tests;

/// <summary>The AppHost's default (embedded) model, started as `dotnet run --project AppHost` starts it.</summary>
public sealed class EmbeddedModelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_model_starts_is_healthy_and_two_clients_exchange_a_message_through_it()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("orleanschat-apphost-").FullName;
        using var timeout = new CancellationTokenSource(Patience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Chat:DataDirectory={dataDirectory}"], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);

        using var http = app.CreateHttpClient("web");
        Assert.Equal("Healthy", await http.GetStringAsync("/health", timeout.Token));
        var alice = await SignInAsync(http, "alice");
        var bob = await SignInAsync(http, "bob");
        http.DefaultRequestHeaders.Authorization = new("Bearer", alice);
        var created = await http.PostAsJsonAsync("/api/rooms", new { roomId = "apphost-room", name = "Through Aspire" }, timeout.Token);
        created.EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/rooms/apphost-room/members", new { userId = "bob" }, timeout.Token)).EnsureSuccessStatusCode();

        await using var aliceHub = Connect(http.BaseAddress!, alice);
        await using var bobHub = Connect(http.BaseAddress!, bob);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobHub.On<JsonElement>("MessageReceived", message => received.TrySetResult(message));
        await aliceHub.StartAsync(timeout.Token);
        await bobHub.StartAsync(timeout.Token);
        await aliceHub.InvokeAsync<JsonElement>("JoinRoom", "apphost-room", null, timeout.Token);
        await bobHub.InvokeAsync<JsonElement>("JoinRoom", "apphost-room", null, timeout.Token);
        await aliceHub.InvokeAsync<JsonElement>("SendMessage", "apphost-room", "c-1", "hello through Aspire", timeout.Token);

        var message = await received.Task.WaitAsync(timeout.Token);
        Assert.Equal("hello through Aspire", message.GetProperty("text").GetString());
        Assert.Equal("alice", message.GetProperty("senderId").GetString());
        Assert.Equal(1, message.GetProperty("seq").GetInt64());

        await app.StopAsync(timeout.Token);
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task<string> SignInAsync(HttpClient http, string userId)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { userId, displayName = userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static HubConnection Connect(Uri baseAddress, string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(baseAddress, "/hubs/chat"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();
}
