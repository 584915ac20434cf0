using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots of what people see, written to a temporary folder so that a test run leaves the work tree as it
/// was; <c>CHAT_SCREENSHOTS=docs/screenshots eng/test.sh</c> refreshes the ones the README shows.
/// </summary>
public static class Screenshots
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("CHAT_SCREENSHOTS") is { Length: > 0 } wanted
        ? Path.GetFullPath(wanted, RepositoryRoot())
        : Path.Combine(Path.GetTempPath(), "orleanschat-screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No OrleansChat.sln above {AppContext.BaseDirectory}.");
    }
}
