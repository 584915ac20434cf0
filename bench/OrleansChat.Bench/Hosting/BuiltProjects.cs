namespace OrleansChat.Bench.Hosting;

/// <summary>Finds the build output of a project of this repository, in the configuration the bench was built in.</summary>
public static class BuiltProjects
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Assembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var folder = project.StartsWith("OrleansChat.Bench", StringComparison.Ordinal) ? "bench" : "src";
        var path = Path.Combine(RepositoryRoot, folder, project, "bin", configuration, framework, $"{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (eng/bench.sh does).", path);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OrleansChat.sln not found above the bench's output.");
    }
}
