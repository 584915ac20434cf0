using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using OrleansChat.Testing;

namespace OrleansChat.AppHost.Tests;

/// <summary>
/// `dotnet run --project AppHost -- --cluster` against an existing PostgreSQL and Azurite (connection strings; no
/// container), and the model it would run without them.
/// </summary>
public sealed class ClusterModelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_cluster_model_runs_on_a_given_postgres_and_two_web_replicas_exchange_a_message()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var azurite = await AzuriteServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        using var timeout = new CancellationTokenSource(Patience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--cluster", $"--ConnectionStrings:chatdb={connectionString}", $"--ConnectionStrings:files={azurite.ConnectionString}"], timeout.Token);
        // The silos wait for the migrate step to finish, and do not migrate themselves.
        foreach (var silo in builder.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("silo", StringComparison.Ordinal)))
        {
            Assert.Contains(silo.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "migrate" && wait.WaitType == WaitType.WaitForCompletion);
        }
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var web in new[] { "web1", "web2" })
        {
            var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync(web, timeout.Token);
            // Every replica keeps attachments in the one object store it was given.
            var environment = healthy.Snapshot.EnvironmentVariables.ToDictionary(v => v.Name, v => v.Value);
            Assert.Equal("azure-blob", environment.GetValueOrDefault("Chat__Files__Store"));
            Assert.Equal(azurite.ConnectionString, environment.GetValueOrDefault("ConnectionStrings__files"));
        }
        var migrated = await app.ResourceNotifications.WaitForResourceAsync("migrate", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, timeout.Token);
        Assert.Equal(0, migrated.Snapshot.ExitCode);

        await using var alice = await ChatAppClient.SignInAsync(app.CreateHttpClient("web1"), "alice", timeout.Token);
        await using var bob = await ChatAppClient.SignInAsync(app.CreateHttpClient("web2"), "bob", timeout.Token);
        Assert.NotEqual(alice.Http.BaseAddress, bob.Http.BaseAddress);

        var message = await MessageExchange.RunAsync(alice, bob, "cluster-room", timeout.Token);

        Assert.Equal(("hello from alice", "alice", 1L),
            (message.GetProperty("text").GetString(), message.GetProperty("senderId").GetString(), message.GetProperty("seq").GetInt64()));
        // A file uploaded through one replica is read, a range of it, through the other: they share one object store.
        var text = string.Concat(Enumerable.Repeat("attachments live in the object store\n", 100));
        using var form = new MultipartFormDataContent { { new StringContent(text), "file", "notes.txt" } };
        using var uploaded = await alice.Http.PostAsync("/api/rooms/cluster-room/files", form, timeout.Token);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var fileId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("fileId").GetString();
        using var web2 = app.CreateHttpClient("web2");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/rooms/cluster-room/files/{fileId}");
        request.Headers.Authorization = new("Bearer", alice.AccessToken);
        request.Headers.Range = new(1000, 1099);
        using var range = await web2.SendAsync(request, timeout.Token);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(text[1000..1100], await range.Content.ReadAsStringAsync(timeout.Token));
        // No AI parameters: the knowledge-base assistant answers.
        var ai = await alice.Http.PostAsJsonAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = "Is shipping free?" } } }, timeout.Token);
        Assert.Contains("Source: Shipping", (await ai.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("message").GetProperty("content").GetString());
        await app.StopAsync(timeout.Token);
    }

    [Fact]
    public async Task Without_a_files_connection_string_the_cluster_model_runs_azurite_for_every_web_replica()
    {
        using var timeout = new CancellationTokenSource(Patience);
        // The model only: its containers need a container runtime, which this machine has not.
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--cluster", "--ConnectionStrings:chatdb=Host=127.0.0.1;Database=unused"], timeout.Token);

        var files = Assert.Single(builder.Resources.OfType<ContainerResource>());
        Assert.Equal("files", files.Name);
        Assert.True(files.TryGetContainerImageName(out var image));
        Assert.StartsWith("mcr.microsoft.com/azure-storage/azurite:", image);
        var webs = builder.Resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("web", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, webs.Length);
        foreach (var web in webs)
        {
            Assert.Contains(web.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == files);
            Assert.Contains(web.Annotations.OfType<ResourceRelationshipAnnotation>(), reference => reference.Resource == files);
        }
        Assert.DoesNotContain(builder.Resources.OfType<ProjectResource>().Where(r => !r.Name.StartsWith("web", StringComparison.Ordinal)),
            project => project.Annotations.OfType<ResourceRelationshipAnnotation>().Any(reference => reference.Resource == files));
    }
}
