using Microsoft.Playwright;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Support;

/// <summary>Agents sign in to the console at a real OpenID provider; the provider's claims say whose desk they work.</summary>
public sealed class AgentSignInTests(AgentsProvider agents) : BrowserTest, IClassFixture<AgentsProvider>
{
    protected override IReadOnlyDictionary<string, string?> WebSettings => agents.WebSettings;

    [Fact]
    public async Task An_agent_signs_in_at_the_provider_comes_back_to_the_desk_of_their_site_and_sees_the_queue()
    {
        var olga = await AgentConsolePage.SignInAtProviderAsync(await NewContextAsync(), System.Origin, AgentsProvider.DisplayName, "agent-olga");
        await Expect(olga.Page).ToHaveURLAsync(System.Origin + "/agent");
        await Expect(olga.Page.Locator("#top .me")).ToHaveTextAsync("Olga · demo");
        // Away, so that the visitor waits in the queue rather than going to Olga at once.
        await olga.SetAwayAsync();

        var visitor = await WidgetPage.OpenShopAsync(await NewContextAsync(), System.Origin);
        await visitor.OpenAsync();
        await visitor.SendAsync("Hello, is anyone there?");
        await Expect(olga.Waiting).ToHaveCountAsync(1);
        await olga.Waiting.First.ClickAsync();
        await olga.Button("Take").ClickAsync();
        await Expect(olga.Mine).ToHaveCountAsync(1);
        await Expect(visitor.SupportBar).ToContainTextAsync("Olga joined the chat.");

        // Signing out ends the session here too: a reload offers the provider again instead of signing back in.
        await olga.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(olga.ProviderSignIn(AgentsProvider.DisplayName)).ToBeVisibleAsync();
        await olga.Page.ReloadAsync();
        await Expect(olga.ProviderSignIn(AgentsProvider.DisplayName)).ToBeVisibleAsync();
        await Expect(olga.Page.Locator("#top .state")).ToHaveCountAsync(0);
    }
}
