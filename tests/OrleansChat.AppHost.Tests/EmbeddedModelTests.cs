using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

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
            [
                $"--Chat:DataDirectory={dataDirectory}",
                // An AI endpoint where nothing listens: the web tier must take it (and answer 503), not the default.
                "--Parameters:ai-endpoint=http://127.0.0.1:9/v1", "--Parameters:ai-model=any", "--Parameters:ai-api-key=not-a-real-key",
            ], timeout.Token);
        Assert.True(builder.Resources.OfType<ParameterResource>().Single(p => p.Name == "ai-api-key").Secret);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);

        using var health = app.CreateHttpClient("web");
        Assert.Equal("Healthy", await health.GetStringAsync("/health", timeout.Token));
        using var silo = app.CreateHttpClient("silo");
        Assert.True((await silo.GetAsync("/dashboard", timeout.Token)).IsSuccessStatusCode, "The Orleans dashboard answers on the silo.");
        await using var alice = await ChatAppClient.SignInAsync(app.CreateHttpClient("web"), "alice", timeout.Token);
        await using var bob = await ChatAppClient.SignInAsync(app.CreateHttpClient("web"), "bob", timeout.Token);

        var message = await MessageExchange.RunAsync(alice, bob, "apphost-room", timeout.Token);

        Assert.Equal("hello from alice", message.GetProperty("text").GetString());
        var ai = await alice.Http.PostAsJsonAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = "Hi" } } }, timeout.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ai.StatusCode);
        Assert.Equal(1, message.GetProperty("seq").GetInt64());
        await app.StopAsync(timeout.Token);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
