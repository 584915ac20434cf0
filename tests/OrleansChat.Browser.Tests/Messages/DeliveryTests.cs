using System.Net.Http.Json;
using OrleansChat.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OrleansChat.Browser.Tests.Messages;

/// <summary>The promise that matters most: nothing written is lost, nothing is shown twice, everything in order.</summary>
public sealed class DeliveryTests : BrowserTest
{
    [Fact]
    public async Task Messages_written_offline_are_delivered_once_in_order_when_the_network_returns()
    {
        var roomId = NewRoomId();
        var annContext = await NewContextAsync();
        var ann = await WidgetPage.OpenRoomAsync(annContext, System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("online first");
        await bob.ExpectDeliveredAsync("online first");

        await annContext.SetOfflineAsync(true);
        await Expect(ann.State).ToHaveAttributeAsync("data-state", "offline");
        await ann.SendAsync("offline one");
        await ann.SendAsync("offline two");
        await ann.SendAsync("offline three");
        await Expect(ann.Outbox).ToHaveCountAsync(3);
        await Expect(ann.Page.Locator("ol.outbox li.message[data-state=pending]")).ToHaveCountAsync(3);
        await bob.ExpectDeliveredAsync("online first");

        await annContext.SetOfflineAsync(false);
        string[] expected = ["online first", "offline one", "offline two", "offline three"];
        await bob.ExpectDeliveredAsync(expected);
        await ann.ExpectDeliveredAsync(expected);
        await Expect(ann.Outbox).ToHaveCountAsync(0);
        await ann.ExpectConnectedAsync();

        // Exactly once, also in the log: a reload shows each message once, from history.
        await bob.ReloadRoomAsync("Bob");
        await bob.ExpectDeliveredAsync(expected);
    }

    [Fact]
    public async Task A_receiver_whose_connection_is_down_while_others_send_shows_everything_once_in_order_when_it_is_back()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var cleo = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "cleo", "Cleo");
        var bobContext = await NewContextAsync();
        // Bob's hub connections pass through the test, which can cut him off.
        var cutOff = await HubCutOff.RouteAsync(bobContext);
        var bob = await WidgetPage.OpenRoomAsync(bobContext, System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("all here");
        await bob.ExpectDeliveredAsync("all here");

        await cutOff.CutAsync();
        await Expect(bob.State).Not.ToHaveAttributeAsync("data-state", "connected");
        // Each stored before the next is written: two senders' messages would otherwise take their seqs in either order.
        await ann.SendAsync("while Bob is away 1");
        await cleo.ExpectDeliveredAsync("all here", "while Bob is away 1");
        await cleo.SendAsync("while Bob is away 2");
        await ann.ExpectDeliveredAsync("all here", "while Bob is away 1", "while Bob is away 2");
        await ann.SendAsync("while Bob is away 3");
        await cleo.ExpectDeliveredAsync("all here", "while Bob is away 1", "while Bob is away 2", "while Bob is away 3");
        await bob.ExpectDeliveredAsync("all here");

        await cutOff.RestoreAsync();
        await bob.ExpectConnectedAsync();
        await cleo.SendAsync("welcome back");
        string[] expected = ["all here", "while Bob is away 1", "while Bob is away 2", "while Bob is away 3", "welcome back"];
        await bob.ExpectDeliveredAsync(expected);
        await ann.ExpectDeliveredAsync(expected);
    }

    [Fact]
    public async Task A_member_banned_while_their_connection_was_down_sees_the_chat_unavailable_when_it_is_back_not_reconnecting_forever()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bobContext = await NewContextAsync();
        // Bob's hub connections pass through the test, which can cut him off.
        var cutOff = await HubCutOff.RouteAsync(bobContext);
        var bob = await WidgetPage.OpenRoomAsync(bobContext, System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("hello Bob");
        await bob.ExpectDeliveredAsync("hello Bob");

        await cutOff.CutAsync();
        await Expect(bob.State).Not.ToHaveAttributeAsync("data-state", "connected");
        // Ann made the room (the demo page does), so she may ban.
        using var annApi = await System.TeamClientAsync("ann", "member", "Ann");
        (await annApi.PostAsJsonAsync($"/api/rooms/{roomId}/bans", new { userId = "bob" })).EnsureSuccessStatusCode();

        await cutOff.RestoreAsync();
        await Expect(bob.State).ToHaveAttributeAsync("data-state", "unavailable");
        await Expect(bob.Input).ToBeDisabledAsync();
        // Stopped: no new connection after the refusal (a retry's first backoff is under a second).
        var opened = cutOff.Opened;
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(opened, cutOff.Opened);
    }

    [Fact]
    public async Task A_member_banned_while_connected_sees_the_chat_unavailable_at_once_and_never_comes_back_by_reconnecting()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bobContext = await NewContextAsync();
        // Bob's hub connections pass through the test, which counts them.
        var connections = await HubCutOff.RouteAsync(bobContext);
        var bob = await WidgetPage.OpenRoomAsync(bobContext, System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("hello Bob");
        await bob.ExpectDeliveredAsync("hello Bob");
        var opened = connections.Opened;

        using var annApi = await System.TeamClientAsync("ann", "member", "Ann");
        (await annApi.PostAsJsonAsync($"/api/rooms/{roomId}/bans", new { userId = "bob" })).EnsureSuccessStatusCode();

        // Told by the server (RoomLeft), not found out at a reconnect: the widget stops where it is.
        await Expect(bob.State).ToHaveAttributeAsync("data-state", "unavailable");
        await Expect(bob.Input).ToBeDisabledAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(opened, connections.Opened);
    }

    [Fact]
    public async Task What_a_visitor_writes_before_the_chat_session_is_open_shows_as_sending_and_is_delivered()
    {
        var context = await NewContextAsync();
        // The session request is held back, as on a slow network, until the visitor has written.
        var release = new TaskCompletionSource();
        await context.RouteAsync("**/api/widget/sessions", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var visitor = await WidgetPage.OpenShopAsync(context, System.Origin);
        await visitor.OpenAsync();

        await visitor.SendAsync("Hello, anyone there?");
        await Expect(visitor.Page.Locator("ol.outbox li.message[data-state=pending]")).ToHaveTextAsync(["Hello, anyone there?Sending…"]);
        release.SetResult();

        await visitor.ExpectDeliveredAsync("Hello, anyone there?");
        await Expect(visitor.Outbox).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task After_a_web_tier_restart_the_widgets_reconnect_and_show_what_was_sent_meanwhile()
    {
        var roomId = NewRoomId();
        var ann = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "ann", "Ann");
        var bob = await WidgetPage.OpenRoomAsync(await NewContextAsync(), System.Origin, roomId, "bob", "Bob");
        await ann.SendAsync("before the restart");
        await bob.ExpectDeliveredAsync("before the restart");

        await System.StopWebNodeAsync();
        await Expect(ann.State).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(bob.State).ToHaveAttributeAsync("data-state", "reconnecting");
        await ann.SendAsync("while it was down");
        await ann.SendAsync("still down");
        await Expect(ann.Outbox).ToHaveCountAsync(2);

        System.StartWebNodeAgain();
        string[] expected = ["before the restart", "while it was down", "still down"];
        await ann.ExpectReconnectedAsync();
        await bob.ExpectReconnectedAsync();
        await bob.ExpectDeliveredAsync(expected);
        await ann.ExpectDeliveredAsync(expected);
        await Expect(ann.Outbox).ToHaveCountAsync(0);

        // Live again both ways on the new node.
        await bob.SendAsync("welcome back");
        await ann.ExpectDeliveredAsync([.. expected, "welcome back"]);
    }
}
