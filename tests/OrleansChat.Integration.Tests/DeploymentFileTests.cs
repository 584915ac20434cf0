using OrleansChat.Testing;

namespace OrleansChat.Integration.Tests;

/// <summary>No Docker engine runs here: the compose file is validated by docker-compose itself.</summary>
public sealed class DeploymentFileTests
{
    private static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("docker-compose.yml not found above the test output.");
        }
    }

    private const string Compose = "/usr/bin/docker-compose";

    [Fact]
    public async Task The_compose_file_is_valid_and_describes_the_cluster()
    {
        var services = await ComposeAsync(["CHAT_SIGNING_KEY=0123456789abcdef0123456789abcdef", "POSTGRES_PASSWORD=secret"], "config", "--services");

        Assert.Equal(["lb", "postgres", "silo1", "silo2", "silo3", "web1", "web2"],
            services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Fact]
    public async Task The_compose_file_refuses_to_run_without_a_signing_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ComposeAsync(["-u", "CHAT_SIGNING_KEY", "POSTGRES_PASSWORD=secret"], "config", "-q"));

        // docker-compose's own words, from the file's ${CHAT_SIGNING_KEY:?...}: a missing program or a broken file says otherwise.
        Assert.Contains("set CHAT_SIGNING_KEY (32+ characters", error.Message);
    }

    private static Task<string> ComposeAsync(string[] environment, params string[] arguments)
    {
        Assert.True(File.Exists(Compose), "docker-compose is missing: apt-get install -y docker-compose (eng/test.sh does this).");
        return ExternalProcess.RunAsync("env", [.. environment, Compose, "--project-directory", Root, "-f", Path.Combine(Root, "docker-compose.yml"), .. arguments]);
    }
}
