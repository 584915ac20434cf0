namespace OrleansChat.Integration.Tests.Infrastructure;

/// <summary>Files of this repository (the deployment's among them), found above the test output.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("docker-compose.yml not found above the test output.");
        }
    }

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);
}
