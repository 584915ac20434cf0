using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Contracts;
using OrleansChat.Web.Apis;
using OrleansChat.Web.Tests.Infrastructure;

namespace OrleansChat.Web.Tests;

/// <summary>
/// What a web node logs while an operator has turned logging up to Debug: never a bearer token (browsers send it in
/// the query string over WebSockets and SSE) and never what people write.
/// </summary>
public sealed class LogPrivacyTests
{
    // An operator chasing a problem: the default and every broad category at Debug, those appsettings.json turns
    // down among them. Only the categories it keeps down on purpose, for what they would log, stay as they are.
    private static readonly Dictionary<string, string?> DebugEverywhere = new()
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:System"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Orleans"] = "Debug",
    };

    [Fact]
    public async Task Tokens_in_the_query_string_and_message_text_stay_out_of_the_logs_over_every_transport()
    {
        var logs = new CapturedLogs();
        await using var system = await ChatSystem.StartAsync(webNodes: 0);
        var node = system.AddWebNode(DebugEverywhere, logs);
        await using var alice = await system.SignInAsync("alice");
        await using var bob = await system.SignInAsync("bob");
        var room = await alice.CreateRoomAsync("log privacy");
        await alice.AddMemberAsync(room.RoomId, bob.UserId);
        var texts = new List<string>();

        foreach (var transport in new[] { HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling })
        {
            // As the browser client connects: the token in the URL, no Authorization header.
            await using var aliceHub = await ConnectWithTokenInQueryAsync(node, alice.AccessToken, transport);
            await using var bobHub = await ConnectWithTokenInQueryAsync(node, bob.AccessToken, transport);
            var aliceLive = new ChatTestClient.LiveConnection(aliceHub);
            var bobLive = new ChatTestClient.LiveConnection(bobHub);
            await aliceLive.JoinRoomAsync(room.RoomId);
            await bobLive.JoinRoomAsync(room.RoomId);

            var fromAlice = $"alice-whispers-over-{transport}-{Guid.NewGuid():N}";
            var fromBob = $"bob-whispers-over-{transport}-{Guid.NewGuid():N}";
            texts.AddRange([fromAlice, fromBob]);
            await aliceLive.SendAsync(room.RoomId, Guid.NewGuid().ToString("N"), fromAlice);
            await bobLive.SendAsync(room.RoomId, Guid.NewGuid().ToString("N"), fromBob);
            await ChatTestClient.NextAsync(bobLive.Messages, m => m.Text == fromAlice);
            await ChatTestClient.NextAsync(aliceLive.Messages, m => m.Text == fromBob);
        }

        var overRest = $"alice-whispers-over-rest-{Guid.NewGuid():N}";
        texts.Add(overRest);
        (await alice.PostAsync($"/api/rooms/{room.RoomId}/messages", new { clientMessageId = Guid.NewGuid().ToString("N"), text = overRest })).EnsureSuccessStatusCode();
        var history = await bob.GetAsync<MessagePage>($"/api/rooms/{room.RoomId}/messages?after=0");
        Assert.Equal(texts.Order(), history.Messages.Select(m => m.Text).Order());

        var entries = logs.Entries.ToArray();
        // The transports did log at Debug: what they logged is what is judged.
        Assert.Contains(entries, e => e.StartsWith("Debug Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("Debug Microsoft.AspNetCore.Http.Connections", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.StartsWith("Debug Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));
        string[] secrets = [.. texts, .. TokenParts(alice.AccessToken), .. TokenParts(bob.AccessToken)];
        var leaks = entries.Where(e => secrets.Any(secret => e.Contains(secret, StringComparison.Ordinal))).ToArray();
        var categories = leaks.Select(e => e[..e.IndexOf('[', StringComparison.Ordinal)]).Distinct();
        Assert.True(leaks.Length == 0,
            $"{leaks.Length} of {entries.Length} log entries hold a token or a message's text, from {string.Join(", ", categories)}:\n{string.Join("\n", leaks.Take(3))}");
    }

    private static async Task<HubConnection> ConnectWithTokenInQueryAsync(TestWebNode node, string token, HttpTransportType transport)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, $"/hubs/chat?access_token={token}"), transport)
            .AddJsonProtocol(json => ChatJson.Configure(json.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>The whole token and its claims and signature, each of which would be a leak on its own.</summary>
    private static string[] TokenParts(string token) => [token, .. token.Split('.').Skip(1)];
}
