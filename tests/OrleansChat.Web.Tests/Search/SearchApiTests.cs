using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests.Search;

/// <summary>
/// <c>GET /api/search</c> through REST with real tokens on the embedded system: hits with marked snippets in pages,
/// and every refusal with its status, none of which lets a private room's text out.
/// </summary>
public sealed class SearchApiTests(SearchApiTests.Rooms rooms) : IClassFixture<SearchApiTests.Rooms>
{
    private const string Site = "demo";
    private const string Origin = "https://shop.example";

    private ChatSystem System => rooms.System;
    private ChatTestClient Alice => rooms.Alice;
    private ChatTestClient Bob => rooms.Bob;
    private ChatTestClient Mallory => rooms.Mallory;
    private Room PrivateRoom => rooms.Private;
    private Room PublicRoom => rooms.Public;

    /// <summary>Alice's private room with Bob in it and her public room, with messages; Mallory is in neither. Only read by the tests.</summary>
    public sealed class Rooms : IAsyncLifetime
    {
        public ChatSystem System { get; private set; } = null!;
        public ChatTestClient Alice { get; private set; } = null!;
        public ChatTestClient Bob { get; private set; } = null!;
        public ChatTestClient Mallory { get; private set; } = null!;
        public Room Private { get; private set; } = null!;
        public Room Public { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            System = await ChatSystem.StartAsync(settings: new() { [$"Chat:Sites:{Site}:AllowedOrigins:0"] = Origin });
            Alice = await System.SignInAsync("alice");
            Bob = await System.SignInAsync("bob");
            Mallory = await System.SignInAsync("mallory");
            Private = await Alice.CreateRoomAsync("Launch plans");
            await Alice.AddMemberAsync(Private.RoomId, Bob.UserId);
            Public = await Alice.CreateRoomAsync("Lobby", "public");
            await SendAsync(Private, "the launch code is swordfish");
            await SendAsync(Public, "anyone like swordfish steaks?");
            await SendAsync(Private, "SWORDFISH again, and the backup code is marlin");
        }

        public async Task DisposeAsync()
        {
            foreach (var client in new[] { Alice, Bob, Mallory }) await client.DisposeAsync();
            await System.DisposeAsync();
        }

        private async Task SendAsync(Room room, string text) =>
            (await Alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_member_finds_messages_newest_first_with_their_snippet_and_pages_on_with_next()
    {
        var first = await SearchAsync(Bob, "q=swordfish&limit=2");
        var second = await SearchAsync(Bob, $"q=swordfish&limit=2&before={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");

        var hits = first.GetProperty("hits").EnumerateArray().Concat(second.GetProperty("hits").EnumerateArray()).ToArray();
        Assert.Equal([(PrivateRoom.RoomId, 2L), (PublicRoom.RoomId, 1L), (PrivateRoom.RoomId, 1L)],
            hits.Select(h => (h.GetProperty("roomId").GetString(), h.GetProperty("seq").GetInt64())));
        Assert.Equal((true, false), (first.GetProperty("hasMore").GetBoolean(), second.GetProperty("hasMore").GetBoolean()));
        Assert.False(second.TryGetProperty("next", out var none) && none.ValueKind != JsonValueKind.Null);
        var newest = hits[0];
        Assert.Equal(("Launch plans", Alice.UserId, "alice"),
            (newest.GetProperty("roomName").GetString(), newest.GetProperty("senderId").GetString(), newest.GetProperty("senderName").GetString()));
        Assert.NotEmpty(newest.GetProperty("messageId").GetString()!);
        Assert.True(newest.GetProperty("sentAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var snippet = newest.GetProperty("snippet").GetString()!;
        Assert.Equal("SWORDFISH again, and the backup code is marlin", snippet);
        Assert.Equal(["SWORDFISH"], newest.GetProperty("highlights").EnumerateArray()
            .Select(h => snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32())));
        Assert.True(first.GetProperty("epoch").GetInt64() > 0);

        var inRoom = await SearchAsync(Bob, $"q=code%20marlin&roomId={PrivateRoom.RoomId}");
        Assert.Equal([2L], inRoom.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task A_non_member_is_refused_aPrivateRoom_room_with_403_and_never_finds_its_text()
    {
        using var refused = await Mallory.Http.GetAsync($"/api/search?q=swordfish&roomId={PrivateRoom.RoomId}");
        var everywhere = await SearchAsync(Mallory, "q=swordfish");
        var launch = await SearchAsync(Mallory, "q=launch%20code");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("swordfish", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([PublicRoom.RoomId], everywhere.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("roomId").GetString()));
        Assert.Empty(launch.GetProperty("hits").EnumerateArray());
        using var unknown = await Mallory.Http.GetAsync("/api/search?q=swordfish&roomId=no-such-room");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_visitor_searches_only_their_own_rooms()
    {
        var session = await System.OpenVisitorSessionAsync(Site, Origin);
        await using var visitor = ChatTestClient.WithToken(System.Web, session.GetProperty("user").GetProperty("userId").GetString()!,
            session.GetProperty("accessToken").GetString()!);

        var everywhere = await SearchAsync(visitor, "q=swordfish");
        using var lobby = await visitor.Http.GetAsync($"/api/search?q=swordfish&roomId={PublicRoom.RoomId}");

        Assert.Empty(everywhere.GetProperty("hits").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, lobby.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=%20%20")]
    [InlineData("q=%22*-()%5E%3A")]
    [InlineData("q=a&limit=0")]
    [InlineData("q=a&limit=51")]
    [InlineData("q=a&limit=ten")]
    [InlineData("q=a&roomId=a%20b")]
    [InlineData("q=a&before=not-a-cursor")]
    [InlineData("q=a&before=-5")]
    public async Task Bad_input_is_refused_with_400_problem_details(string query)
    {
        using var response = await Bob.Http.GetAsync($"/api/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Queries_too_long_or_with_too_many_words_are_400_and_a_call_without_a_token_401()
    {
        using var anonymous = System.Web.CreateHttpClient();
        using var noToken = await anonymous.GetAsync("/api/search?q=swordfish");
        using var tooLong = await Bob.Http.GetAsync($"/api/search?q={new string('x', 201)}");
        using var tooMany = await Bob.Http.GetAsync($"/api/search?q={string.Join("%20", Enumerable.Range(0, SearchTerms.MaxTerms + 1))}");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (tooLong.StatusCode, tooMany.StatusCode));
    }

    private static async Task<JsonElement> SearchAsync(ChatTestClient client, string query)
    {
        using var response = await client.Http.GetAsync($"/api/search?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
