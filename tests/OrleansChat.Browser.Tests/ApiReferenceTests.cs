using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>The interactive API reference, where development features are on, renders under its page policy.</summary>
public sealed class ApiReferenceTests : BrowserTest
{
    protected override IReadOnlyDictionary<string, string?> WebSettings => new Dictionary<string, string?> { ["Chat:ApiReference"] = "true" };

    [Fact]
    public async Task The_reference_page_shows_the_rest_api_from_its_document_and_nothing_is_blocked()
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") blocked.Add(message.Text); };
        page.RequestFailed += (_, request) => blocked.Add($"{request.Url}: {request.Failure}");

        await page.GotoAsync(System.Origin + "/scalar/v1");

        await Expect(page.GetByText("The REST half of OrleansChat's protocol").First).ToBeVisibleAsync();
        await Expect(page.GetByText("A fresh token for the caller").First).ToBeVisibleAsync();
        Assert.Empty(blocked);
    }
}
