using OrleansChat.Testing;

namespace OrleansChat.Client.Tests.TypeScript;

/// <summary>
/// <c>@orleanschat/client</c> as an integrator gets it: packed by <c>npm pack</c> from src/widget/client and installed
/// with <c>npm install</c> into a project of its own, once per test run, outside the work tree.
/// </summary>
public static class InstalledPackage
{
    private static readonly Lazy<Task<string>> Directory = new(InstallAsync);

    /// <summary>The project directory, whose <c>node_modules</c> holds the package and its dependencies.</summary>
    public static Task<string> DirectoryAsync() => Directory.Value;

    private static async Task<string> InstallAsync()
    {
        var project = System.IO.Directory.CreateTempSubdirectory("orleanschat-ts-client-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(project, recursive: true);
        var widget = RepositoryDirectory.PathOf("src", "widget");
        if (!System.IO.Directory.Exists(Path.Combine(widget, "node_modules")))
        {
            throw new InvalidOperationException("The widget's npm packages are not installed: run `npm ci` in src/widget (eng/test.sh does).");
        }
        await ExternalProcess.RunAsync("npm", ["pack", "--prefix", widget, "--workspace", "@orleanschat/client", "--pack-destination", project, "--silent"],
            timeout: TimeSpan.FromMinutes(3));
        var tarball = System.IO.Directory.GetFiles(project, "orleanschat-client-*.tgz").Single();
        await File.WriteAllTextAsync(Path.Combine(project, "package.json"), """{ "name": "integrator", "private": true, "type": "module" }""");
        await ExternalProcess.RunAsync("npm", ["install", "--prefix", project, "--no-audit", "--no-fund", "--prefer-offline", tarball],
            timeout: TimeSpan.FromMinutes(5));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TypeScript", "live-client.mjs"), Path.Combine(project, "live-client.mjs"));
        return project;
    }
}
