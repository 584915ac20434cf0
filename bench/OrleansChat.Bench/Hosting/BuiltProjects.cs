using OrleansChat.Testing;

namespace OrleansChat.Bench.Hosting;

/// <summary>Where this repository is, and how the bench starts its servers.</summary>
public static class BuiltProjects
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A built project as a process, run as in production (no development settings).</summary>
    public static BuiltProcess Start(string name, string project, IReadOnlyDictionary<string, string> settings, string logDirectory) =>
        new(name, project, new Dictionary<string, string>(settings)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, logDirectory);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OrleansChat.sln not found above the bench's output.");
    }
}
