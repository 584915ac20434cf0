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

    [Fact]
    public async Task The_compose_file_is_valid_and_describes_the_cluster()
    {
        const string compose = "/usr/bin/docker-compose";
        Assert.True(File.Exists(compose), "docker-compose is missing: apt-get install -y docker-compose (eng/test.sh does this).");

        var services = await ExternalProcess.RunAsync("env",
            ["CHAT_SIGNING_KEY=0123456789abcdef0123456789abcdef", "POSTGRES_PASSWORD=secret", compose,
             "--project-directory", Root, "-f", Path.Combine(Root, "docker-compose.yml"), "config", "--services"]);

        Assert.Equal(["lb", "postgres", "silo1", "silo2", "silo3", "web1", "web2"],
            services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Fact]
    public async Task The_compose_file_refuses_to_run_without_a_signing_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ExternalProcess.RunAsync("env",
            ["-u", "CHAT_SIGNING_KEY", "POSTGRES_PASSWORD=secret", "/usr/bin/docker-compose",
             "--project-directory", Root, "-f", Path.Combine(Root, "docker-compose.yml"), "config", "-q"]));

        Assert.Contains("CHAT_SIGNING_KEY", error.Message);
    }
}
