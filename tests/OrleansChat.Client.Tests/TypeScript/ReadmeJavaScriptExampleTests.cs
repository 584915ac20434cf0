using System.Text.RegularExpressions;
using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests.TypeScript;

/// <summary>The README's JavaScript example runs as written under Node 20 with the installed package.</summary>
public sealed class ReadmeJavaScriptExampleTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_javascript_example_joins_general_sends_and_its_message_is_stored()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        await alice.Api.CreateRoomAsync("General", roomId: "general", visibility: "public");
        var readme = await File.ReadAllTextAsync(RepositoryDirectory.PathOf("README.md"));
        var example = new Regex(@"This runs as is under Node 20 against the AppHost[^\n]*\n[^\n]*\n+```js\n(?<code>.*?)```", RegexOptions.Singleline).Match(readme);
        Assert.True(example.Success, "The README has no js block after \"This runs as is under Node 20 against the AppHost\".");
        var project = await InstalledPackage.DirectoryAsync();
        var program = Path.Combine(project, $"readme-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(program, example.Groups["code"].Value.Replace("http://localhost:5080", _system.Web.BaseAddress.ToString().TrimEnd('/')));

        var output = await ExternalProcess.RunAsync("node", [program], timeout: TimeSpan.FromMinutes(1));

        Assert.Contains("joined general, last seq 0", output);
        Assert.Contains("stored as #1", output);
        var stored = Assert.Single((await alice.Api.GetMessagesAsync("general")).Messages);
        Assert.Equal(("bob", "Hi from JavaScript"), (stored.SenderId, stored.Text));
    }
}
