namespace OrleansChat.Testing;

/// <summary>This repository's checkout, found above the build output (for the npm projects under <c>tests/</c> and built projects).</summary>
public static class RepositoryDirectory
{
    public static string PathOf(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln"))) directory = directory.Parent;
        var root = directory?.FullName ?? throw new InvalidOperationException("OrleansChat.sln not found above the build output.");
        return Path.Combine([root, .. parts]);
    }
}
