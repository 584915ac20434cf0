using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Web.Tests;

/// <summary>
/// Malformed and hostile input, generated from a fixed seed, against every REST endpoint and hub method: every
/// answer is a client error with its word (never a 5xx), the node stays healthy, and a private room that the
/// callers may not touch keeps its messages and members.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Seed = 2026;
    private const int RestRequests = 10_000;
    private const int HubInvocations = 2_000;

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "[1,2,3]", "{", "}", "{\"a\":", "\"text\"", "42", "true", "{}", "{\"\":null}",
        "{\"clientMessageId\":5,\"text\":[]}", "{\"clientMessageId\":null,\"text\":null}", "{\"text\":{\"$ref\":\"x\"}}",
        "{\"seq\":\"abc\"}", "{\"seq\":1e400}", "{\"seq\":-1}", "{\"seq\":null}", "{\"seq\":[1]}",
        "{\"name\":7,\"visibility\":\"secret\"}", "{\"name\":null,\"roomId\":\"../../etc/passwd\"}", "{\"visibility\":3}",
        "{\"userId\":{}}", "{\"userId\":\"\"}", "{\"agentId\":1}", "{\"prompt\":null}", "{\"prompt\":[\"a\"]}",
        "{\"messages\":\"x\"}", "{\"messages\":[null]}", "{\"messages\":[{\"role\":\"robot\",\"content\":1}]}",
        "{\"messages\":[{\"role\":\"assistant\"}]}", "{\"siteId\":null}", "{\"siteId\":\"../../\",\"visitorId\":{}}",
        "{\"siteId\":\"demo\",\"userId\":\"x\",\"userHash\":5}", "{\"role\":\"superuser\",\"userId\":\"\\u0000\"}",
        "{\"topic\":" + new string('[', 100) + new string(']', 100) + "}",
        new string('[', 5_000) + new string(']', 5_000),
        "{\"text\":\"" + new string('x', 200_000) + "\"}",
        "\u00ff\u00fe\u0000garbage",
        "{\"clientMessageId\":\"c\",\"fileIds\":\"x\"}", "{\"clientMessageId\":\"c\",\"fileIds\":[null,5]}",
        "{\"clientMessageId\":\"c\",\"text\":\"\",\"fileIds\":[\"0123456789abcdef0123456789abcdef\"]}",
        "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../a.png\"\r\n\r\n<html><script>x</script>\r\n--x--\r\n",
        "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\u202Egnp.exe\"\r\n\r\n\u0089PNG\r\n\r\n--x--\r\n",
        "--x\r\nContent-Disposition: form-data; name=\"clientFileId\"\r\n\r\n" + new string('c', 100) + "\r\n--x--\r\n",
        "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n",
        "{\"role\":\"owner\"}", "{\"role\":\"moderator\"}", "{\"role\":5}", "{\"userId\":\"bob\",\"seconds\":-1}",
        "{\"siteId\":\"demo\",\"shortcut\":\"Not A Slug\",\"text\":\"x\"}", "{\"siteId\":\"demo\",\"shortcut\":5,\"text\":[]}",
        "{\"shortcut\":\"ok\",\"text\":\"\\u0000\"}", "{\"userId\":\"bob\",\"seconds\":1e400}", "{\"userId\":\"bob\",\"seconds\":\"10\"}", "{\"userId\":\"bob\",\"seconds\":99999999999}",
        "{\"siteId\":\"demo\",\"url\":\"javascript:alert(1)\",\"events\":[\"message.created\"]}", "{\"siteId\":\"demo\",\"url\":5,\"events\":\"x\"}",
        "{\"siteId\":\"demo\",\"url\":\"https://127.0.0.1/\",\"events\":[null,\"message.created\"]}",
        "{\"timeZone\":\"Mars/Olympus\",\"weekly\":[{\"day\":\"funday\",\"opens\":\"25:00\",\"closes\":\"x\"}],\"closedDates\":[\"2026-02-30\"]}",
        "{\"timeZone\":\"UTC\",\"weekly\":[null,{}],\"closedDates\":[null]}", "{\"timeZone\":\"UTC\",\"weekly\":\"x\"}",
        "{\"timeZone\":\"UTC\",\"weekly\":[{\"day\":\"1\",\"opens\":\"17:00\",\"closes\":\"09:00\"}]}", "{\"timeZone\":\"../../etc/localtime\"}",
        "{\"timeZone\":\"UTC\",\"weekly\":[{\"day\":\"monday\",\"opens\":\"24:00\",\"closes\":\"24:00\"}]}",
        "{\"email\":\"a@b\",\"transcript\":\"yes\"}", "{\"email\":{\"x\":1}}", "{\"email\":\"v@example.com\\r\\nBcc: x@example.com\"}",
        "{\"email\":null}", "{\"email\":\"v@example.com\",\"transcript\":true}",
    ];

    private static readonly string[] OddIds =
    [
        "general", "a b", "%2E%2E%2Fx", "%00", "x%0Ay", new string('r', 65), "ä😀", "desk:demo", "support:demo:v-1",
        "dm:a:b", "-", ".", "..", "%25", "room?x=1", "room#x", "CON", "\u202E",
    ];

    private static readonly string[] OddNumbers = ["-1", "abc", "99999999999999999999", "1.5", "", "0x10", "1e3", "%00", "2147483648"];

    /// <summary>Search text that would be query syntax if it reached a full-text engine as it is (escaped for the URL).</summary>
    private static readonly string[] OddSearches =
    [
        "%22", "%22%22", "*", "NEAR(", "NEAR(a%20b%2C%202)", "OR", "AND%20NOT", "-", "-only", "%5Ex", "text%3Aonly", "(((", "%22only%22%20OR%20%22for%22",
        "only*", "%27%3B%20DROP%20TABLE%20messages%3B%20--", "%00", "a%00b", "%C3%A4%F0%9F%98%80", "%ED%A0%80", "%E2%80%AE", "%5C", "only%20for%20Alice",
        new string('x', 201), string.Join("%20", Enumerable.Repeat("w", 17)), "", "%20",
    ];

    private static readonly string[] ContentTypes =
        ["application/json", "text/plain", "", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1"];

    [Fact]
    public async Task Ten_thousand_malformed_requests_and_two_thousand_bad_hub_calls_get_client_errors_and_change_nothing()
    {
        var random = new Random(Seed);
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Sites:demo:AllowedOrigins:0"] = "https://shop.example",
            ["Chat:Limits:MessagesPerMinute"] = "100000",
        });
        await using var pair = await system.RoomPairAsync("Private");
        await pair.AliceLive.SendAsync(pair.Room.RoomId, "secret-1", "only for Alice and Bob");
        await using var mallory = await system.SignInAsync("mallory");
        var before = await PrivateRoomAsync(pair);
        var privateRoom = pair.Room.RoomId;
        string[] tokens = ["", "Bearer", "Bearer garbage", $"Bearer {mallory.AccessToken}", $"Bearer {Forged(mallory.AccessToken)}",
            $"Bearer {mallory.AccessToken}{mallory.AccessToken}"];

        var statuses = new Dictionary<int, int>();
        var serverErrors = new List<string>();
        var leaks = new List<string>();
        using var http = system.Web.CreateHttpClient();
        for (var i = 0; i < RestRequests; i++)
        {
            var request = RandomRequest(random, privateRoom, tokens);
            var description = $"{request.Method} {request.RequestUri}";
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500) serverErrors.Add($"{status} {description}: {Cut(body)}");
            // Mallory may search, but the private room's text must never be among what she finds.
            if (body.Contains("only for Alice and Bob", StringComparison.Ordinal)) leaks.Add(description);
            request.Dispose();
        }

        var hubOutcomes = await InvokeHostileHubCallsAsync(system, mallory, privateRoom, new Random(Seed + 1));

        output.WriteLine($"REST: {RestRequests} requests: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        output.WriteLine($"hub: {HubInvocations} invocations: " + string.Join(", ", hubOutcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} x{o.Value.Count}")));
        foreach (var error in serverErrors.Take(20)) output.WriteLine(error);
        Assert.Empty(serverErrors);
        Assert.Empty(leaks);
        Assert.False(hubOutcomes.ContainsKey("server error"), string.Join("\n", hubOutcomes.GetValueOrDefault("server error", []).Take(10)));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(before, await PrivateRoomAsync(pair));
        // Mallory belongs to no room: no upload of hers may have left bytes.
        Assert.False(Directory.Exists(system.FilesDirectory) && Directory.EnumerateFiles(system.FilesDirectory, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Malformed_offline_support_requests_by_the_sites_own_visitors_agents_and_admins_get_client_errors()
    {
        await using var system = await ChatSystem.StartAsync(settings: new()
        {
            ["Chat:Sites:demo:AllowedOrigins:0"] = "https://shop.example",
            ["Chat:Email:Host"] = "127.0.0.1",
            ["Chat:Email:Port"] = OrleansChat.Testing.FreePort.Next().ToString(),
            ["Chat:Email:Tls"] = "None",
        });
        var visitor = (await system.OpenVisitorSessionAsync("demo", "https://shop.example")).GetProperty("accessToken").GetString()!;
        string[] tokens = [visitor, await system.TeamTokenAsync("agent-demo", "agent", "demo"), await system.TeamTokenAsync("admin-demo", "admin", "demo")];
        string[] paths =
        [
            "/api/support/availability?siteId=demo", "/api/support/hours?siteId=demo", "/api/support/hours?siteId=%00", "/api/support/hours",
            "/api/support/conversations/support:demo:nobody/email", "/api/support/conversations/%2E%2E/email", "/api/support/agents/me/email?siteId=demo",
        ];
        var serverErrors = new List<string>();
        using var http = system.Web.CreateHttpClient();
        foreach (var token in tokens)
        foreach (var path in paths)
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        foreach (var body in method == HttpMethod.Put ? Bodies : [""])
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (method == HttpMethod.Put) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode >= 500) serverErrors.Add($"{(int)response.StatusCode} {method} {path} {Cut(body)}: {Cut(await response.Content.ReadAsStringAsync())}");
        }
        Assert.Empty(serverErrors);
    }

    private static HttpRequestMessage RandomRequest(Random random, string privateRoom, string[] tokens)
    {
        string Id() => random.Next(3) == 0 ? privateRoom : OddIds[random.Next(OddIds.Length)];
        string Number() => OddNumbers[random.Next(OddNumbers.Length)];
        string FileId() => random.Next(2) == 0 ? Guid.NewGuid().ToString("N") : Id();
        string Search() => OddSearches[random.Next(OddSearches.Length)];
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Get, "/api/rooms"),
            (HttpMethod.Post, "/api/rooms"),
            (HttpMethod.Get, $"/api/rooms/{Id()}"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/members"),
            (HttpMethod.Delete, $"/api/rooms/{Id()}/members/{Id()}"),
            (HttpMethod.Post, $"/api/direct/{Id()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/messages?before={Number()}&after={Number()}&limit={Number()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/messages?after={Number()}&limit={Number()}"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/messages"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/files"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/files/{FileId()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/files/{FileId()}/thumbnail?user={Id()}&expires={Number()}&signature={Id()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/files/{FileId()}/link"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/read"),
            (HttpMethod.Get, $"/api/search?q={Search()}"),
            (HttpMethod.Get, $"/api/search?q={Search()}&roomId={Id()}&before={Search()}&limit={Number()}"),
            (HttpMethod.Get, $"/api/search?q={Search()}&before={Number()}.{Number()}.{Id()}"),
            (HttpMethod.Get, $"/api/users/{Id()}/presence"),
            (HttpMethod.Post, "/api/ai/chat"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/assistant"),
            (HttpMethod.Post, "/api/support/conversations"),
            (HttpMethod.Get, $"/api/support/queue?siteId={Id()}"),
            (HttpMethod.Get, $"/api/support/agents?siteId={Id()}"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/handoff"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/assign"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/resolve"),
            (HttpMethod.Get, $"/api/support/conversations?siteId={Id()}&status={Id()}&label={Id()}&q={Search()}&from={Number()}&to={Search()}&before={Search()}&limit={Number()}"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/reopen"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/labels"),
            (HttpMethod.Delete, $"/api/support/conversations/{Id()}/labels/{Id()}"),
            (HttpMethod.Get, $"/api/support/conversations/{Id()}/profile"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/rating"),
            (HttpMethod.Get, $"/api/support/reports?siteId={Id()}&from={Number()}&to={Search()}"),
            (HttpMethod.Get, $"/api/support/availability?siteId={Id()}"),
            (HttpMethod.Get, $"/api/support/hours?siteId={Id()}"),
            (HttpMethod.Put, $"/api/support/hours?siteId={Id()}"),
            (HttpMethod.Delete, $"/api/support/hours?siteId={Id()}"),
            (HttpMethod.Put, $"/api/support/conversations/{Id()}/email"),
            (HttpMethod.Get, $"/api/support/agents/me/email?siteId={Id()}"),
            (HttpMethod.Put, $"/api/support/agents/me/email?siteId={Id()}"),
            (HttpMethod.Post, "/api/widget/sessions"),
            (HttpMethod.Post, "/api/auth/token"),
            (HttpMethod.Put, $"/api/rooms/{Id()}"),
            (HttpMethod.Put, $"/api/rooms/{Id()}/messages/{Number()}"),
            (HttpMethod.Delete, $"/api/rooms/{Id()}/messages/{Number()}"),
            (HttpMethod.Put, $"/api/rooms/{Id()}/messages/{Number()}/reactions/{Uri.EscapeDataString(OddIds[random.Next(OddIds.Length)])}"),
            (HttpMethod.Delete, $"/api/rooms/{Id()}/messages/{Number()}/reactions/{Id()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/changes?after={Number()}&limit={Number()}"),
            (HttpMethod.Put, $"/api/rooms/{Id()}/members/{Id()}/role"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/mutes"),
            (HttpMethod.Delete, $"/api/rooms/{Id()}/mutes/{Id()}"),
            (HttpMethod.Post, $"/api/rooms/{Id()}/bans"),
            (HttpMethod.Delete, $"/api/rooms/{Id()}/bans/{Id()}"),
            (HttpMethod.Get, $"/api/rooms/{Id()}/bans"),
            (HttpMethod.Get, $"/api/support/canned-responses?siteId={Id()}"),
            (HttpMethod.Post, "/api/support/canned-responses"),
            (HttpMethod.Put, $"/api/support/canned-responses/{Id()}"),
            (HttpMethod.Delete, $"/api/support/canned-responses/{Id()}"),
            (HttpMethod.Get, $"/api/support/conversations/{Id()}/notes"),
            (HttpMethod.Post, $"/api/support/conversations/{Id()}/notes"),
            (HttpMethod.Post, "/api/support/webhooks"),
            (HttpMethod.Get, $"/api/support/webhooks?siteId={Id()}"),
            (HttpMethod.Delete, $"/api/support/webhooks/{Id()}"),
            (HttpMethod.Get, $"/api/support/webhooks/{Id()}/deliveries?before={Number()}&limit={Number()}"),
        ];
        var (method, path) = endpoints[random.Next(endpoints.Length)];
        var request = new HttpRequestMessage(method, path);
        var token = tokens[random.Next(tokens.Length)];
        if (token.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", token);
        if (random.Next(4) == 0) request.Headers.TryAddWithoutValidation("Origin", random.Next(2) == 0 ? "https://shop.example" : "null");
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            var body = Bodies[random.Next(Bodies.Length)];
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            // As curl does for large bodies: a body over the endpoint's limit is refused (413) before it is sent,
            // where otherwise the refused upload would reset the connection under the answer.
            request.Headers.ExpectContinue = true;
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            if (contentType.Length > 0) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            if (random.Next(8) == 0) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }
        return request;
    }

    /// <summary>Bad calls over the hub; each outcome is named: ok, a refusal's word, a binding error, or a server error.</summary>
    private static async Task<Dictionary<string, List<string>>> InvokeHostileHubCallsAsync(ChatSystem system, ChatTestClient mallory, string privateRoom, Random random)
    {
        var outcomes = new Dictionary<string, List<string>>();
        var live = await mallory.ConnectAsync();
        object?[][] argumentSets =
        [
            [], [null], [privateRoom], [privateRoom, null, null], [privateRoom, -5L], [privateRoom, long.MaxValue], [new string('x', 100_000)],
            ["%00", "x", "y"], [privateRoom, "cid", new string('y', 10_000)], [privateRoom, "", ""], [privateRoom, "cid", "   "],
            [privateRoom, true], [42], [new[] { 1, 2 }], [privateRoom, "cid", "hello"], ["desk:demo"], ["general", 1L, "extra"],
            ["lost"], [privateRoom, -1L], ["", null], [privateRoom, "cid", "", new[] { "../x" }], [privateRoom, "cid", null, new[] { Guid.NewGuid().ToString("N") }],
            [privateRoom, "cid", "hi", new string?[] { null }], [privateRoom, "cid", "hi", Enumerable.Repeat("0123456789abcdef0123456789abcdef", 50).ToArray()],
            [privateRoom, 1L, "edited"], [privateRoom, 0L, "x"], [privateRoom, 1L, new string('e', 40), true], [privateRoom, 1L, "👍", false],
            [privateRoom, new { clientMessageId = "c", text = "re", replyTo = -1 }], [privateRoom, new { text = 5 }], [privateRoom, long.MinValue],
            [privateRoom, "bob", "moderator"], [privateRoom, "bob", "owner"], [privateRoom, "bob", 60L], [privateRoom, "bob", -1L],
            [privateRoom, "bob", long.MaxValue], [privateRoom, "a b", 60L], [privateRoom, "bob"],
        ];
        string[] methods =
        [
            "JoinRoom", "RejoinRoom", "LeaveRoom", "SendMessage", "SendMessageWithFiles", "SetTyping", "MarkRead", "SetStatus", "Nope", "OnConnectedAsync", "Dispose",
            "PostMessage", "EditMessage", "DeleteMessage", "SetReaction", "GetChanges",
            "SetMemberRole", "MuteMember", "UnmuteMember", "BanMember", "UnbanMember",
        ];
        for (var i = 0; i < HubInvocations; i++)
        {
            var method = methods[random.Next(methods.Length)];
            var arguments = argumentSets[random.Next(argumentSets.Length)];
            // A frame over the size limit closed the last connection: the next call gets a new one.
            if (live.Hub.State != HubConnectionState.Connected) live = await mallory.ConnectWhenAllowedAsync();
            string outcome;
            try
            {
                await live.Hub.InvokeCoreAsync(method, typeof(object), arguments);
                outcome = "ok";
            }
            catch (HubException refused)
            {
                outcome = Classify(refused.Message);
                if (outcome == "server error") arguments = [.. arguments, refused.Message];
            }
            catch (InvalidOperationException closing) when (closing.Message.Contains("connection is not active", StringComparison.Ordinal))
            {
                // The server was still closing the connection over the previous call's frame (over the size limit)
                // when the client looked: the client refuses the call itself.
                outcome = "connection closed (frame over the size limit)";
            }
            if (!outcomes.TryGetValue(outcome, out var list)) outcomes[outcome] = list = [];
            list.Add($"{method}({string.Join(", ", arguments.Select(a => a?.ToString()?[..Math.Min(a.ToString()!.Length, 80)]))})");
        }
        return outcomes;
    }

    /// <summary>
    /// A refusal carries its word after "HubException: ". Arguments that do not bind to the method, and methods that
    /// do not exist, SignalR refuses itself before any of our code runs ("Failed to invoke 'M' due to an error on the
    /// server.", "HubException: Method does not exist."); a frame over the size limit closes the connection. What
    /// SignalR calls "An unexpected error" is a method that threw: a server error.
    /// </summary>
    private static string Classify(string message)
    {
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0) return message[(at + marker.Length)..].Split(':')[0];
        if (message.StartsWith("Failed to invoke '", StringComparison.Ordinal) && message.EndsWith("due to an error on the server.", StringComparison.Ordinal)) return "arguments refused by SignalR";
        if (message.StartsWith("The server closed the connection", StringComparison.Ordinal)) return "connection closed (frame over the size limit)";
        return "server error";
    }

    private static async Task<string> PrivateRoomAsync(RoomPair pair)
    {
        var page = await pair.Alice.GetAsync<MessagePage>($"/api/rooms/{pair.Room.RoomId}/messages?after=0");
        var room = await pair.Alice.GetAsync<Room>($"/api/rooms/{pair.Room.RoomId}");
        return string.Join("|", page.Messages.Select(m => $"{m.Seq}:{m.Text}")) + " / " + string.Join(",", room.Members!.Select(m => m.UserId).Order());
    }

    /// <summary>The same token with its signature's first character changed.</summary>
    private static string Forged(string token)
    {
        var signatureAt = token.LastIndexOf('.') + 1;
        var flipped = token[signatureAt] == 'A' ? 'B' : 'A';
        return token[..signatureAt] + flipped + token[(signatureAt + 1)..];
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
