using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using static OrleansChat.Web.Tests.Infrastructure.ChatTestClient;

namespace OrleansChat.Web.Tests;

public sealed class RestAndErrorTests(ChatSystemFixture fixture) : IClassFixture<ChatSystemFixture>
{
    private ChatSystem System => fixture.System;

    [Fact]
    public async Task Bodies_over_an_endpoints_limit_are_refused_413_unread_and_change_nothing()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Heavy");
        var padding = new string('x', 100 * 1024);

        var message = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "big", text = "hi", padding });
        using var anonymous = System.Web.CreateHttpClient();
        var session = await anonymous.PostAsJsonAsync("/api/widget/sessions", new { siteId = "demo", displayName = new string('y', 20 * 1024) });
        var login = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = "heavy", padding });
        // An AI conversation may be larger: this one is read, and refused for what it says.
        var ai = await alice.PostAsync("/api/ai/chat", new { messages = new[] { new { role = "user", content = padding } } });

        foreach (var refused in new[] { message, session, login })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.BadRequest, ai.StatusCode);
        Assert.Equal(0, (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).LastSeq);
    }

    [Fact]
    public async Task Rest_send_with_a_repeated_client_message_id_returns_200_with_the_original()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Outbox");

        var first = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "out-1", text = "sent offline" });
        var retry = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "out-1", text = "sent offline" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var original = (await first.Content.ReadFromJsonAsync<ChatMessage>(Json))!;
        Assert.Equal(original, await retry.Content.ReadFromJsonAsync<ChatMessage>(Json));
        var page = await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages");
        Assert.Equal([original], page.Messages);
    }

    [Fact]
    public async Task A_hub_send_retried_over_the_hub_and_over_rest_returns_the_original_and_stores_one_message()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Retries");
        var live = await alice.ConnectAsync();

        var ack = await live.SendAsync(room.RoomId, "h-1", "hello");
        var overHub = await live.SendAsync(room.RoomId, "h-1", "hello");
        var overRest = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "h-1", text = "hello" });

        Assert.False(ack.Duplicate);
        Assert.Equal(ack with { Duplicate = true }, overHub);
        Assert.Equal(HttpStatusCode.OK, overRest.StatusCode);
        Assert.Equal((ack.Seq, ack.MessageId), (await overRest.Content.ReadFromJsonAsync<ChatMessage>(Json)) is { } m ? (m.Seq, m.MessageId) : default);
        Assert.Equal(["hello"], (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Reusing_a_client_message_id_for_other_text_is_a_conflict_over_rest_and_the_hub_and_stores_nothing()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Reused ids");
        var live = await alice.ConnectAsync();
        await live.SendAsync(room.RoomId, "r-1", "first words");

        var overRest = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "r-1", text = "other words" });
        var overHub = await Assert.ThrowsAsync<HubException>(() => live.SendAsync(room.RoomId, "r-1", "other words"));

        await AssertProblemAsync(overRest, HttpStatusCode.Conflict);
        Assert.StartsWith("conflict: ", HubErrors.Of(overHub));
        Assert.Equal(["first words"], (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task A_hub_retry_of_a_rest_send_is_acknowledged_as_a_duplicate()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Both ways");
        var rest = await (await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "x-1", text = "hi" }))
            .Content.ReadFromJsonAsync<ChatMessage>(Json);

        var ack = await (await alice.ConnectAsync()).SendAsync(room.RoomId, "x-1", "hi");

        Assert.Equal((rest!.Seq, rest.MessageId, true), (ack.Seq, ack.MessageId, ack.Duplicate));
    }

    [Fact]
    public async Task A_non_member_sending_to_a_private_room_is_forbidden_and_nothing_is_stored()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var mallory = await System.SignInAsync("mallory");
        var room = await alice.CreateRoomAsync("Secret");

        var rest = await mallory.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "m-1", text = "hi" });
        var hub = await Assert.ThrowsAsync<HubException>(() => mallory.ConnectAsync().ContinueWith(t => t.Result.SendAsync(room.RoomId, "m-2", "hi")).Unwrap());
        var join = await Assert.ThrowsAsync<HubException>(async () => await (await mallory.ConnectAsync()).JoinRoomAsync(room.RoomId));
        var read = await mallory.Http.GetAsync($"/api/rooms/{room.RoomId}/messages");

        await AssertProblemAsync(rest, HttpStatusCode.Forbidden);
        await AssertProblemAsync(read, HttpStatusCode.Forbidden);
        Assert.StartsWith("forbidden: ", HubErrors.Of(hub));
        Assert.StartsWith("forbidden: ", HubErrors.Of(join));
        Assert.Equal(0, (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).LastSeq);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "text")]
    [InlineData("   ", HttpStatusCode.BadRequest, "text")]
    [InlineData("4001", HttpStatusCode.BadRequest, "text")]
    public async Task Rest_sends_breaking_the_text_limits_are_refused_and_store_nothing(string text, HttpStatusCode status, string field)
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Limits");
        text = text == "4001" ? new string('x', 4001) : text;

        var response = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "l-1", text });

        var problem = await AssertProblemAsync(response, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(0, (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).LastSeq);
    }

    [Fact]
    public async Task Exactly_4000_characters_is_within_the_limit()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Limits");

        var response = await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = "l-1", text = new string('x', 4000) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/rooms/bad%20id/messages", "roomId")]
    [InlineData("/api/rooms/{room}/messages?limit=0", "limit")]
    [InlineData("/api/rooms/{room}/messages?limit=201", "limit")]
    [InlineData("/api/rooms/{room}/messages?limit=ten", "limit")]
    [InlineData("/api/rooms/{room}/messages?after=-1", "after")]
    [InlineData("/api/rooms/{room}/messages?before=0", "before")]
    [InlineData("/api/rooms/{room}/messages?before=5&after=1", "before")]
    public async Task Bad_history_queries_get_a_validation_problem(string path, string field)
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("History");

        var response = await alice.Http.GetAsync(path.Replace("{room}", room.RoomId));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_room_id_longer_than_64_characters_or_with_other_characters_is_refused()
    {
        await using var alice = await System.SignInAsync("alice");

        var tooLong = await alice.PostAsync("/api/rooms", new { roomId = new string('r', 65), name = "Long" });
        var slash = await alice.PostAsync("/api/rooms", new { roomId = "a/b", name = "Slash" });
        var longest = await alice.PostAsync("/api/rooms", new { roomId = new string('r', 63) + Guid.NewGuid().ToString("N")[..1], name = "Ok" });

        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        await AssertProblemAsync(slash, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task Hub_calls_breaking_the_limits_raise_invalid_and_store_nothing()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Hub limits");
        var live = await alice.ConnectAsync();

        var empty = await Assert.ThrowsAsync<HubException>(() => live.SendAsync(room.RoomId, "h-1", ""));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => live.SendAsync(room.RoomId, "h-2", new string('x', 4001)));
        var badRoom = await Assert.ThrowsAsync<HubException>(() => live.SendAsync("no spaces", "h-3", "hi"));
        var badClientId = await Assert.ThrowsAsync<HubException>(() => live.SendAsync(room.RoomId, new string('c', 65), "hi"));
        var badStatus = await Assert.ThrowsAsync<HubException>(() => live.Hub.InvokeAsync("SetStatus", "invisible"));
        var badSeq = await Assert.ThrowsAsync<HubException>(() => live.Hub.InvokeAsync("MarkRead", room.RoomId, 99L));
        var noRoom = await Assert.ThrowsAsync<HubException>(() => live.Hub.InvokeAsync<RoomSnapshot>("JoinRoom", null, null));

        Assert.All([empty, tooLong, badRoom, badClientId, badStatus, badSeq, noRoom], e => Assert.StartsWith("invalid: ", HubErrors.Of(e)));
        Assert.Equal(0, (await alice.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages")).LastSeq);
    }

    [Fact]
    public async Task Unknown_rooms_are_not_found_over_both_transports()
    {
        await using var alice = await System.SignInAsync("alice");

        var rest = await alice.Http.GetAsync("/api/rooms/no-such-room");
        var hub = await Assert.ThrowsAsync<HubException>(async () => await (await alice.ConnectAsync()).JoinRoomAsync("no-such-room"));

        await AssertProblemAsync(rest, HttpStatusCode.NotFound);
        Assert.StartsWith("not-found: ", HubErrors.Of(hub));
    }

    [Fact]
    public async Task Creating_a_room_that_exists_is_a_conflict()
    {
        await using var alice = await System.SignInAsync("alice");
        var room = await alice.CreateRoomAsync("Taken");

        var again = await alice.PostAsync("/api/rooms", new { roomId = room.RoomId, name = "Mine now" });

        await AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("Taken", (await alice.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Name);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_unauthorized_over_both_transports()
    {
        using var anonymous = System.Web.CreateHttpClient();
        using var forged = System.Web.CreateHttpClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldmUifQ.c2lnbmF0dXJl");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/rooms")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/rooms")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/rooms/any/messages", new { clientMessageId = "a", text = "b" })).StatusCode);
        var hub = new HubConnectionBuilder().WithUrl(new Uri(System.Web.BaseAddress, "/hubs/chat")).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Dev_login_rejects_bad_user_ids_and_roles()
    {
        using var anonymous = System.Web.CreateHttpClient();

        var badId = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = "not ok", displayName = "x" });
        var badRole = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = "ok", role = "king" });

        await AssertProblemAsync(badId, HttpStatusCode.BadRequest);
        await AssertProblemAsync(badRole, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_the_owner_may_add_others_to_a_private_room()
    {
        await using var alice = await System.SignInAsync("alice");
        await using var bob = await System.SignInAsync("bob");
        await using var carol = await System.SignInAsync("carol");
        var room = await alice.CreateRoomAsync("Owners only");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);

        var byMember = await bob.PostAsync($"/api/rooms/{room.RoomId}/members", new { userId = carol.UserId });
        var selfJoin = await carol.PostAsync($"/api/rooms/{room.RoomId}/members", new { });

        await AssertProblemAsync(byMember, HttpStatusCode.Forbidden);
        await AssertProblemAsync(selfJoin, HttpStatusCode.Forbidden);
        Assert.Equal([alice.UserId, bob.UserId], (await alice.GetAsync<Room>($"/api/rooms/{room.RoomId}")).Members!.Select(m => m.UserId).Order());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        return problem;
    }
}
