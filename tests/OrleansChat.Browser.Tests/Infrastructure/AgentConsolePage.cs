using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>The agent console at <c>/agent</c>, as an agent sees it.</summary>
public sealed class AgentConsolePage
{
    private AgentConsolePage(IPage page) => Page = page;

    public IPage Page { get; }

    public ILocator Waiting => Page.Locator("#waiting li.conversation");
    public ILocator Mine => Page.Locator("#mine li.conversation");
    public ILocator Pane => Page.Locator(".pane");
    public ILocator Badge => Pane.Locator(".badge");
    public ILocator Details => Pane.Locator(".details");
    public ILocator Typing => Pane.Locator(".typing");
    public ILocator Seen => Pane.Locator(".seen");
    public ILocator Input => Pane.Locator("textarea");

    /// <summary>The text of every message of the open conversation, as shown.</summary>
    public ILocator Delivered => Pane.Locator("ol.messages li.message .text");

    /// <summary>The files of the open conversation's messages: images and file cards, as in the widget.</summary>
    public ILocator Images => Pane.Locator("ol.messages li.message .attachments img.attachment-image");
    public ILocator FileCards => Pane.Locator("ol.messages li.message .attachments a.attachment-file");

    /// <summary>Chooses files through the composer's attach button, as in the widget.</summary>
    public Task AttachAsync(params FilePayload[] files) => Pane.Locator("input[type=file]").SetInputFilesAsync(files);

    public ILocator Button(string name) => Pane.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Opens <c>/agent</c> and signs in through its form (development login) as an agent of the demo site.</summary>
    public static async Task<AgentConsolePage> SignInAsync(IBrowserContext context, string origin, string agentId, string name)
    {
        var console = new AgentConsolePage(await context.NewPageAsync());
        await console.Page.GotoAsync(origin + "/agent");
        await console.Page.GetByLabel("Agent id").FillAsync(agentId);
        await console.Page.GetByLabel("Display name").FillAsync(name);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(console.Page.Locator("#top .state")).ToHaveAttributeAsync("data-state", "connected");
        return console;
    }

    /// <summary>
    /// Opens <c>/agent</c>, follows its "Sign in with {provider}" and signs in with the provider's own login form
    /// (the test provider takes any password); the console is connected when the provider sends the agent back.
    /// </summary>
    public static async Task<AgentConsolePage> SignInAtProviderAsync(IBrowserContext context, string origin, string providerName, string login)
    {
        var console = new AgentConsolePage(await context.NewPageAsync());
        await console.Page.GotoAsync(origin + "/agent");
        await console.ProviderSignIn(providerName).ClickAsync();
        await console.Page.Locator("input[name=login]").FillAsync(login);
        await console.Page.Locator("input[name=password]").FillAsync("any password");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await Expect(console.Page.Locator("#top .state")).ToHaveAttributeAsync("data-state", "connected");
        return console;
    }

    public ILocator ProviderSignIn(string providerName) => Page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {providerName}" });

    /// <summary>
    /// Away: the desk gives this agent no new conversations; they pick them by hand. Returns once the desk lists the
    /// agent as not available (the console sends the status over the hub, and a visitor's next message must not reach
    /// the desk first), as the console's own token reads it.
    /// </summary>
    public async Task SetAwayAsync()
    {
        await Page.GetByLabel("My status").SelectOptionAsync("away");
        await Page.WaitForFunctionAsync("""
            async () => {
                const token = sessionStorage.getItem('orleanschat:agent:token');
                const { sub, site } = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
                const response = await fetch(`/api/support/agents?siteId=${encodeURIComponent(site)}`, { headers: { Authorization: `Bearer ${token}` } });
                return response.ok && (await response.json()).some(agent => agent.agentId === sub && !agent.available);
            }
            """, null, new() { PollingInterval = 100 });
    }

    public async Task SendAsync(string text)
    {
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
    }
}
