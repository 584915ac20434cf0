using System.Text.RegularExpressions;
using OrleansChat.Testing;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Search;

/// <summary>The README's search example runs as written (with curl and jq), after its worked example, against a node in place of the AppHost's.</summary>
public sealed class ReadmeSearchExampleTests : IAsyncLifetime
{
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_search_example_finds_the_worked_examples_message_and_refuses_a_query_without_words()
    {
        var readme = await File.ReadAllTextAsync(RepositoryDirectory.PathOf("README.md"));
        var worked = BashBlockAfter(readme, "A worked example against");
        var search = BashBlockAfter(readme, "Search, after the example above");
        var address = $"{_system.Web.BaseAddress.Host}:{_system.Web.BaseAddress.Port}";
        // Only the search block's output is looked at: the worked example's goes nowhere.
        var script = $"{{\n{worked}}} > /dev/null\n{search}".Replace("localhost:5080", address);

        var output = await ExternalProcess.RunAsync("bash", ["-euo", "pipefail", "-c", script]);

        Assert.Contains("\"snippet\":\"Hello, world\",\"highlights\":[{\"start\":0,\"length\":5}]", output);
        Assert.Contains("\"status\":400", output);
        Assert.Contains("operators and punctuation alone match nothing", output);
    }

    private static string BashBlockAfter(string markdown, string lead)
    {
        var match = new Regex(Regex.Escape(lead) + @"[^\n]*\n+```bash\n(?<code>.*?)```", RegexOptions.Singleline).Match(markdown);
        Assert.True(match.Success, $"The README has no bash block after \"{lead}\".");
        return match.Groups["code"].Value;
    }
}
