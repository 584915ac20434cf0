using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright (whose own browser download does not work here). Browser tests run side by
/// side, as many at once as xUnit runs (one per core); each running test borrows a browser no other running test
/// holds, so a run starts as many browsers as tests ran at once. Every test opens its own contexts, which share nothing.
/// </summary>
public sealed class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly ConcurrentBag<Chromium> Idle = [];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
        // xUnit has no end-of-run hook for a test project: the browsers close with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
    }

    public IBrowser Browser { get; }

    /// <summary>An idle browser of this run, or a new one.</summary>
    public static async Task<Chromium> BorrowAsync() => Idle.TryTake(out var idle) ? idle : await LaunchAsync();

    /// <summary>Gives the browser back for the next test, once the test closed its contexts.</summary>
    public void Return() => Idle.Add(this);

    private static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}: install it with `apt-get install chromium` " +
                "(eng/test.sh does this when it is missing).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                // Pages that tests serve through routes count as public, and the chat server under test listens
                // on loopback, which Chromium keeps public pages from loading. Real embedding sites and chat
                // servers are both public; this only takes the test set-up out of the way.
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights",
            ],
        });
        return new Chromium(playwright, browser);
    }

    private void Close()
    {
        try
        {
            Browser.CloseAsync().Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Already gone (it crashed, or its driver went first): nothing is left to close, and an exception thrown
            // while the test process exits would turn a passing run into a failed one.
        }
        _playwright.Dispose();
    }
}
