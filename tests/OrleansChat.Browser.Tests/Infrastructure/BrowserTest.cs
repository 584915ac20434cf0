using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// A test with its own embedded system and fresh browser contexts (separate storage, like separate people), in a
/// browser it borrows for its run. Expectations wait up to 20 s: reconnects back off, and the machine may be busy.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private Chromium? _chromium;

    protected WidgetSystem System { get; private set; } = null!;

    /// <summary>Whether the assistant answers visitors first: off, unless the test is about the assistant.</summary>
    protected virtual bool SupportBot => false;

    /// <summary>More settings for the web node, for a test of a feature that is off by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> WebSettings => new Dictionary<string, string?>();

    /// <summary>More settings for the silo, for a feature the silo carries out (mail).</summary>
    protected virtual IReadOnlyDictionary<string, string?> SiloSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        _chromium = await Chromium.BorrowAsync();
        System = await WidgetSystem.StartAsync(SupportBot, WebSettings, SiloSettings);
    }

    /// <param name="timezoneId">The person's time zone (IANA), and <paramref name="locale"/> their language; the machine's by default.</param>
    protected async Task<IBrowserContext> NewContextAsync(
        int width = 1280, int height = 800, ColorScheme colorScheme = ColorScheme.Light, string? timezoneId = null, string? locale = null)
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            TimezoneId = timezoneId,
            Locale = locale,
        });
        _contexts.Add(context);
        return context;
    }

    /// <summary>A fresh public room id, so that tests never see each other's messages.</summary>
    protected static string NewRoomId() => $"lobby-{Guid.NewGuid():N}"[..20];

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var context in _contexts) await context.CloseAsync();
            // Only a browser whose contexts all closed goes to the next test.
            _chromium?.Return();
        }
        finally
        {
            if (System is not null) await System.DisposeAsync();
        }
    }
}
