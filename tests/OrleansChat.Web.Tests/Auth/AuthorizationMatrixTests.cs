using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Web.Tests.Auth;

/// <summary>
/// Every role against every kind of room, through REST and the hub: the answer each gets is the one the README's
/// authorization table documents. Nothing crosses a site or a private room.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string SiteA = "site-a";
    private const string SiteB = "site-b";
    private const string OriginA = "https://a.example";
    private ChatSystem _system = null!;

    public async Task InitializeAsync() => _system = await ChatSystem.StartAsync(settings: new()
    {
        [$"Chat:Sites:{SiteA}:AllowedOrigins:0"] = OriginA,
        [$"Chat:Sites:{SiteB}:AllowedOrigins:0"] = "https://b.example",
    });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    // Per caller and room: describe (GET room), history (GET messages), send (POST messages), join (hub JoinRoom),
    // in that order, so that a join never grants what the row's earlier calls were refused.
    private static readonly Dictionary<(string Caller, string Room), string> Expected = new()
    {
        [("member", "public")] = "200 200 201 ok",
        [("non-member", "public")] = "200 200 403 ok",
        [("visitor A", "public")] = "403 403 403 forbidden",
        [("agent A", "public")] = "200 200 403 ok",
        [("agent B", "public")] = "200 200 403 ok",
        [("admin", "public")] = "200 200 403 ok",

        [("member", "private")] = "200 200 201 ok",
        [("non-member", "private")] = "403 403 403 forbidden",
        [("visitor A", "private")] = "403 403 403 forbidden",
        [("agent A", "private")] = "403 403 403 forbidden",
        [("agent B", "private")] = "403 403 403 forbidden",
        [("admin", "private")] = "403 403 403 forbidden",

        [("member", "direct")] = "200 200 201 ok",
        [("non-member", "direct")] = "403 403 403 forbidden",
        [("visitor A", "direct")] = "403 403 403 forbidden",
        [("agent A", "direct")] = "403 403 403 forbidden",
        [("agent B", "direct")] = "403 403 403 forbidden",
        [("admin", "direct")] = "403 403 403 forbidden",

        [("member", "support A")] = "403 403 403 forbidden",
        [("non-member", "support A")] = "403 403 403 forbidden",
        [("visitor A", "support A")] = "200 200 201 ok",
        [("agent A", "support A")] = "403 403 403 ok",
        [("agent B", "support A")] = "403 403 403 forbidden",
        [("admin", "support A")] = "403 403 403 ok",
    };

    // Per caller: the queue and agents of site A's desk, and resolving the visitor's conversation (which its visitor
    // may do; another site's desk does not know it).
    private static readonly Dictionary<string, string> ExpectedDesk = new()
    {
        ["member"] = "403 403 403",
        ["non-member"] = "403 403 403",
        ["visitor A"] = "403 403 200",
        ["agent B"] = "403 403 404",
        ["admin"] = "403 403 403",
        ["agent A"] = "200 200 200",
    };

    [Fact]
    public async Task Each_role_gets_the_documented_answer_for_each_kind_of_room_and_the_desk()
    {
        await using var alice = await _system.SignInAsync("alice");
        await using var member = await _system.SignInAsync("bob");
        var publicRoom = await alice.CreateRoomAsync("public", visibility: "public");
        var privateRoom = await alice.CreateRoomAsync("private");
        await alice.AddMemberAsync(privateRoom.RoomId, member.UserId);
        await (await member.ConnectAsync()).JoinRoomAsync(publicRoom.RoomId);
        var direct = await (await member.PostAsync($"/api/direct/{alice.UserId}", new { })).Content.ReadFromJsonAsync<JsonElement>();

        var session = await _system.OpenVisitorSessionAsync(SiteA, OriginA);
        await using var visitor = ChatTestClient.WithToken(_system.Web, session.GetProperty("user").GetProperty("userId").GetString()!,
            session.GetProperty("accessToken").GetString()!);
        var supportRoom = session.GetProperty("roomId").GetString()!;
        (await visitor.PostAsync("/api/support/conversations", new { siteId = SiteA })).EnsureSuccessStatusCode();

        var callers = new Dictionary<string, ChatTestClient>
        {
            ["member"] = member,
            ["non-member"] = await _system.SignInAsync("mallory"),
            ["visitor A"] = visitor,
            ["agent A"] = await ChatTestClient.SignInAsync(_system.Web, "agent-a", role: "agent", siteId: SiteA),
            ["agent B"] = await ChatTestClient.SignInAsync(_system.Web, "agent-b", role: "agent", siteId: SiteB),
            ["admin"] = await ChatTestClient.SignInAsync(_system.Web, "admin-1", role: "admin"),
        };
        // Away, so that the desk does not hand the visitor's conversation to agent A halfway through the table (which
        // would make them a member of the support room); an away agent takes conversations by hand only.
        var agentALive = await callers["agent A"].ConnectAsync();
        await agentALive.Hub.InvokeAsync("SetStatus", "away");
        var rooms = new Dictionary<string, string>
        {
            ["public"] = publicRoom.RoomId,
            ["private"] = privateRoom.RoomId,
            ["direct"] = direct.GetProperty("roomId").GetString()!,
            ["support A"] = supportRoom,
        };

        var mismatches = new List<string>();
        foreach (var ((callerName, roomName), expected) in Expected)
        {
            var actual = await RoomAnswersAsync(callers[callerName], rooms[roomName]);
            output.WriteLine($"{callerName,-10} {roomName,-9} {actual}");
            if (actual != expected) mismatches.Add($"{callerName} on {roomName}: expected {expected}, got {actual}");
        }
        // Resolving last: the agent of site A does it, after everyone else tried.
        foreach (var (callerName, expected) in ExpectedDesk.OrderBy(d => d.Key == "agent A"))
        {
            var actual = await DeskAnswersAsync(callers[callerName], supportRoom);
            output.WriteLine($"{callerName,-10} desk A    {actual}");
            if (actual != expected) mismatches.Add($"{callerName} on desk A: expected {expected}, got {actual}");
        }
        Assert.Empty(mismatches);
        foreach (var caller in callers.Values.Where(c => c != member && c != visitor)) await caller.DisposeAsync();
    }

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_answers_401()
    {
        using var anonymous = _system.Web.CreateHttpClient();
        string[] paths = ["/api/rooms", "/api/rooms/general", "/api/rooms/general/messages", "/api/users/alice/presence", $"/api/support/queue?siteId={SiteA}"];
        foreach (var path in paths) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/rooms/general/messages", new { clientMessageId = "x", text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Visitor_ids_and_the_visitor_role_cannot_be_claimed_through_development_login()
    {
        using var anonymous = _system.Web.CreateHttpClient();
        var claimedId = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = $"visitor:{SiteA}:v-0123", role = "member" });
        var claimedRole = await anonymous.PostAsJsonAsync("/api/auth/token", new { userId = "vera", role = "visitor", siteId = SiteA });
        Assert.Equal(HttpStatusCode.BadRequest, claimedId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, claimedRole.StatusCode);
    }

    private static async Task<string> RoomAnswersAsync(ChatTestClient caller, string roomId)
    {
        var describe = await caller.Http.GetAsync($"/api/rooms/{roomId}");
        var history = await caller.Http.GetAsync($"/api/rooms/{roomId}/messages");
        var send = await caller.PostAsync($"/api/rooms/{roomId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text = "hello" });
        string join;
        try
        {
            var live = await caller.ConnectAsync();
            await live.JoinRoomAsync(roomId);
            join = "ok";
        }
        catch (HubException refused)
        {
            join = HubErrors.Of(refused).Split(':')[0];
        }
        return $"{(int)describe.StatusCode} {(int)history.StatusCode} {(int)send.StatusCode} {join}";
    }

    private static async Task<string> DeskAnswersAsync(ChatTestClient caller, string conversationId)
    {
        var queue = await caller.Http.GetAsync($"/api/support/queue?siteId={SiteA}");
        var agents = await caller.Http.GetAsync($"/api/support/agents?siteId={SiteA}");
        var resolve = await caller.PostAsync($"/api/support/conversations/{conversationId}/resolve", new { });
        return $"{(int)queue.StatusCode} {(int)agents.StatusCode} {(int)resolve.StatusCode}";
    }
}
