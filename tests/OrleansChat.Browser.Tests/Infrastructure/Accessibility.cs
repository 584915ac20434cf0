using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>
/// axe-core run on a page as it is now, into the widget's open shadow root: what fails WCAG 2.1 A/AA or axe's best
/// practices with a serious or critical impact fails the test, each violation printed with where it is.
/// </summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task ExpectNoSeriousViolationsAsync(IPage page, string what)
    {
        await AnimationsSettledAsync(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"{what}: {blocking.Count} serious or critical accessibility violations:\n{Describe(blocking)}");
    }

    /// <summary>
    /// Waits for every transition and animation that ends, in the page and in open shadow roots (which
    /// <c>document.getAnimations()</c> leaves out): axe reads colours as drawn, and mid-fade a control's contrast is a
    /// fraction of its own (the message toolbar fades in over 120 ms when it takes the focus).
    /// </summary>
    private static Task AnimationsSettledAsync(IPage page) => page.EvaluateAsync("""
        () => {
          const roots = [document];
          for (let i = 0; i < roots.length; i++)
            for (const element of roots[i].querySelectorAll('*'))
              if (element.shadowRoot) roots.push(element.shadowRoot);
          const ending = roots.flatMap(root => root.getAnimations())
            .filter(animation => animation.effect?.getComputedTiming().endTime !== Infinity);
          return Promise.all(ending.map(animation => animation.finished.catch(() => null)));
        }
        """);

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join("\n", v.Nodes.Select(n => $"    at {n.Target}: {n.Html}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))));
}
