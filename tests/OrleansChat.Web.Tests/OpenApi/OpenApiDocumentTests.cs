using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.OpenApi;

/// <summary>
/// The REST API's OpenAPI document, generated from the endpoints, is the one committed in <c>docs/openapi.json</c>:
/// an API change shows in review as a change of that file. <c>CHAT_UPDATE_OPENAPI=1</c> rewrites it instead.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private static readonly string Committed = RepositoryDirectory.PathOf("docs", "openapi.json");
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new() { ["Chat:ApiReference"] = "true" });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_generated_document_is_the_committed_one()
    {
        using var http = _system.Web.CreateHttpClient();
        var generated = Indented(await http.GetStringAsync("/openapi/v1.json"));

        if (Environment.GetEnvironmentVariable("CHAT_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(Committed, generated);

        Assert.True(File.Exists(Committed) && await File.ReadAllTextAsync(Committed) == generated,
            "The REST API's description changed: review it, then run `CHAT_UPDATE_OPENAPI=1 dotnet test tests/OrleansChat.Web.Tests "
            + "--filter OpenApiDocumentTests` to commit the new docs/openapi.json.");
    }

    [Fact]
    public async Task The_document_describes_every_api_endpoint_with_its_token_and_its_problems()
    {
        using var http = _system.Web.CreateHttpClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/rooms/{roomId}/messages", paths.Select(p => p.Key));
        Assert.Contains("/api/rooms/{roomId}/files", paths.Select(p => p.Key));
        var send = paths["/api/rooms/{roomId}/messages"]!["post"]!;
        Assert.Equal("bearer", send["security"]![0]!.AsObject().Single().Key);
        Assert.NotNull(send["responses"]!["201"]!["content"]!["application/json"]);
        Assert.NotNull(send["responses"]!["429"]!["content"]!["application/problem+json"]);
        Assert.Null(paths["/api/widget/sessions"]!["post"]!["security"]);
        Assert.DoesNotContain(paths, p => p.Key is "/" or "/agent" or "/health" or "/alive");
    }

    [Fact]
    public async Task The_interactive_reference_is_served_where_development_features_are_on_under_a_policy_of_its_own()
    {
        using var http = _system.Web.CreateHttpClient();
        using var page = await http.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self' 'unsafe-inline'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    private static string Indented(string json) =>
        JsonSerializer.Serialize(JsonNode.Parse(json), new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
