using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using OrleansChat.Testing;

namespace OrleansChat.AppHost.Tests;

/// <summary>`dotnet run --project AppHost -- --cluster` against an existing PostgreSQL (a connection string; no container).</summary>
public sealed class ClusterModelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_cluster_model_runs_on_a_given_postgres_and_two_web_replicas_exchange_a_message()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        using var timeout = new CancellationTokenSource(Patience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--cluster", $"--ConnectionStrings:chatdb={connectionString}"], timeout.Token);
        // The silos wait for the migrate step to finish, and do not migrate themselves.
        foreach (var silo in builder.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("silo", StringComparison.Ordinal)))
        {
            Assert.Contains(silo.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "migrate" && wait.WaitType == WaitType.WaitForCompletion);
        }
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web1", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web2", timeout.Token);
        var migrated = await app.ResourceNotifications.WaitForResourceAsync("migrate", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, timeout.Token);
        Assert.Equal(0, migrated.Snapshot.ExitCode);

        await using var alice = await ChatAppClient.SignInAsync(app.CreateHttpClient("web1"), "alice", timeout.Token);
        await using var bob = await ChatAppClient.SignInAsync(app.CreateHttpClient("web2"), "bob", timeout.Token);
        Assert.NotEqual(alice.Http.BaseAddress, bob.Http.BaseAddress);

        var message = await MessageExchange.RunAsync(alice, bob, "cluster-room", timeout.Token);

        Assert.Equal(("hello from alice", "alice", 1L),
            (message.GetProperty("text").GetString(), message.GetProperty("senderId").GetString(), message.GetProperty("seq").GetInt64()));
        // No AI parameters: the knowledge-base assistant answers.
        var ai = await alice.Http.PostAsJsonAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = "Is shipping free?" } } }, timeout.Token);
        Assert.Contains("Source: Shipping", (await ai.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("message").GetProperty("content").GetString());
        await app.StopAsync(timeout.Token);
    }
}
