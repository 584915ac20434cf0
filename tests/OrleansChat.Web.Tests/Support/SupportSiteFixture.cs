using System.Net.Http.Json;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Support;

/// <summary>
/// The embedded system with one support site, <c>shop</c>, whose conversations go straight to the humans (no
/// assistant answering in between), and the people around it: the site's agents and visitors, an agent of another
/// site and a plain member.
/// </summary>
public sealed class SupportSiteFixture : IAsyncLifetime
{
    public const string Site = "shop";
    public const string Origin = "https://shop.example";

    public ChatSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await ChatSystem.StartAsync(settings: new()
    {
        [$"Chat:Sites:{Site}:AllowedOrigins:0"] = Origin,
        ["Chat:Ai:SupportBot"] = "false",
    });

    public async Task DisposeAsync() => await System.DisposeAsync();

    /// <summary>An agent of <paramref name="siteId"/> (a fresh id each time, so tests do not share desks' agents).</summary>
    public Task<ChatTestClient> AgentAsync(string name, string siteId = Site) =>
        ChatTestClient.SignInAsync(System.Web, $"agent-{name}-{Guid.NewGuid():N}"[..24], name, role: "agent", siteId: siteId);

    public Task<ChatTestClient> MemberAsync(string name) => System.SignInAsync(name);

    /// <summary>A visitor of the site who opened their conversation (its id is their support room's).</summary>
    public async Task<(ChatTestClient Visitor, string ConversationId)> VisitorWithConversationAsync()
    {
        var session = await System.OpenVisitorSessionAsync(Site, Origin);
        var visitor = ChatTestClient.WithToken(System.Web, session.GetProperty("user").GetProperty("userId").GetString()!,
            session.GetProperty("accessToken").GetString()!);
        var opened = await visitor.PostAsync("/api/support/conversations", new { siteId = Site });
        opened.EnsureSuccessStatusCode();
        return (visitor, session.GetProperty("roomId").GetString()!);
    }
}
