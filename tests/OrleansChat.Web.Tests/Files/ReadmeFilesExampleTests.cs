using System.Text.RegularExpressions;
using OrleansChat.Contracts;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Files;

/// <summary>The README's curl examples run as written (with curl and jq), against a node in place of the AppHost's.</summary>
public sealed class ReadmeFilesExampleTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_upload_and_send_example_stores_one_message_with_the_file_and_downloads_it_back()
    {
        var readme = await File.ReadAllTextAsync(RepositoryDirectory.PathOf("README.md"));
        var script = string.Join("\n", BashBlockAfter(readme, "A worked example against"), BashBlockAfter(readme, "Upload and send, after the example above"))
            .Replace("localhost:5080", $"{_system.Web.BaseAddress.Host}:{_system.Web.BaseAddress.Port}");
        var directory = Directory.CreateTempSubdirectory("orleanschat-readme-").FullName;
        try
        {
            await ExternalProcess.RunAsync("bash", ["-euo", "pipefail", "-c", $"cd '{directory}'\n{script}"]);

            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(directory, "error.txt")), await File.ReadAllBytesAsync(Path.Combine(directory, "copy.txt")));
            await using var alice = await ChatTestClient.SignInAsync(_system.Web, "alice", "Alice");
            var sent = (await alice.GetAsync<MessagePage>("/api/rooms/general/messages")).Messages.Last();
            Assert.Equal(("The error", "error.txt", "text/plain", 39L), (sent.Text, sent.Attachments!.Single().FileName, sent.Attachments![0].ContentType, sent.Attachments[0].Size));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string BashBlockAfter(string markdown, string lead)
    {
        var match = new Regex(Regex.Escape(lead) + @"[^\n]*\n+```bash\n(?<code>.*?)```", RegexOptions.Singleline).Match(markdown);
        Assert.True(match.Success, $"The README has no bash block after \"{lead}\".");
        return match.Groups["code"].Value;
    }
}
