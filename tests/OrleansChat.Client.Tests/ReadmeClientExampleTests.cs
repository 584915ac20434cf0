using System.Text.RegularExpressions;
using OrleansChat.Client.Tests.Infrastructure;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Client.Tests;

/// <summary>
/// The README's C# example runs as written: as a file-based program (<c>dotnet run app.cs</c>) referencing the
/// library's project (as a console project would, without native AOT), against a node in place of the AppHost's, after someone made the room <c>general</c>.
/// </summary>
public sealed class ReadmeClientExampleTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_csharp_example_joins_general_sends_and_is_acknowledged()
    {
        await using var alice = await RecordingClient.ConnectAsync(_system.Web.BaseAddress, "alice");
        await alice.Api.CreateRoomAsync("General", roomId: "general", visibility: "public");
        var readme = await File.ReadAllTextAsync(RepositoryDirectory.PathOf("README.md"));
        var example = new Regex(@"This runs as is against the AppHost[^\n]*\n+```csharp\n(?<code>.*?)```", RegexOptions.Singleline).Match(readme);
        Assert.True(example.Success, "The README has no C# block after \"This runs as is against the AppHost\".");
        var directory = Directory.CreateTempSubdirectory("orleanschat-readme-client-").FullName;
        try
        {
            var program = Path.Combine(directory, "app.cs");
            var project = RepositoryDirectory.PathOf("src", "OrleansChat.Client", "OrleansChat.Client.csproj");
            // A file-based program publishes native AOT by default; the library reads JSON by reflection, as a console project does.
            await File.WriteAllTextAsync(program, $"#:project {project}\n#:property PublishAot=false\n" +
                example.Groups["code"].Value.Replace("http://localhost:5080", _system.Web.BaseAddress.ToString().TrimEnd('/')));

            var output = await ExternalProcess.RunAsync("dotnet", ["run", program], timeout: TimeSpan.FromMinutes(5));

            Assert.Contains("joined General, last seq 0", output);
            Assert.Contains("acknowledged as #1", output);
            var stored = Assert.Single((await alice.Api.GetMessagesAsync("general")).Messages);
            Assert.Equal(("carol", "Hi from C#"), (stored.SenderId, stored.Text));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
