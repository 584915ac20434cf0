using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests;

/// <summary>
/// A room past the server's member-events limit (here 2 members, 1,000 by default): a join lists only the one who
/// joined, so the widget says how many people the room has instead of a list it does not have.
/// </summary>
public sealed class LargeRoomTests : BrowserTest
{
    protected override IReadOnlyDictionary<string, string?> SiloSettings =>
        new Dictionary<string, string?> { ["Chat:Rooms:MemberEventsUpTo"] = "2" };

    [Fact]
    public async Task Past_the_member_events_limit_the_widget_shows_how_many_people_the_room_has_instead_of_a_partial_list()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        // Up to the limit, everyone is listed by name.
        await Expect(bob.Member("ann")).ToBeVisibleAsync();
        await Expect(ann.Member("bob")).ToBeVisibleAsync();
        await Expect(bob.MemberCount).ToBeHiddenAsync();

        var cy = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "cy", "Cy");
        await Expect(cy.MemberCount).ToHaveTextAsync("3 people in this chat");
        await Expect(cy.Page.Locator(".member")).ToHaveCountAsync(0);

        // A rejoin keeps to the count as well.
        await cy.ReloadRoomAsync("Cy");
        await Expect(cy.MemberCount).ToHaveTextAsync("3 people in this chat");
        await Expect(cy.Page.Locator(".member")).ToHaveCountAsync(0);
    }
}
